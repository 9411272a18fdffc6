import "server-only";
import type { Db } from "@/db/client";
import type { MemberContext } from "@/lib/accounts/member-context";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { enforceRateLimit } from "@/lib/rate-limit/rate-limit";

/** Invitation emails (first sends and resends) one network may cause per hour. */
const EMAILS_PER_IP = { limit: 300, windowSeconds: 60 * 60 };

/**
 * Before any invitation email goes out (a first send or a resend): the sender's own address is
 * confirmed — an invitation carries text they chose (their name, the account's name) from our
 * sending domain — and their network is within its hourly budget.
 */
export async function assertMaySendInvitations(db: Db, ctx: MemberContext, meta: RequestMeta, count: number) {
  if (!ctx.user.emailVerifiedAt) {
    throw new AppError(
      "forbidden",
      "Confirm your email address before inviting people: use the link we sent you.",
    );
  }
  await takeInvitationNetworkBudget(db, meta, count, ctx.user);
}

/**
 * Takes `count` invitation emails from the hourly budget of the requester's network, shared by
 * inviters and people asking through a join link; refuses past it.
 */
export async function takeInvitationNetworkBudget(
  db: Db,
  meta: RequestMeta,
  count: number,
  actor: { id: string; email: string } | null,
) {
  await enforceRateLimit(
    db,
    {
      name: "invitations:ip",
      subject: meta.ip,
      limit: EMAILS_PER_IP,
      cost: count,
      message: "Too many invitations from your network in the last hour. Try again later.",
    },
    meta,
    actor,
  );
}
