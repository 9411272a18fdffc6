import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accounts, invitations, projects } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { planOf, type PlanId } from "./plans";

export type AccountUsage = {
  plan: ReturnType<typeof planOf>;
  /** Memberships of every status plus pending invitations (expired ones too: they can be resent). */
  seats: number;
  projects: number;
};

/** Pending invitations of the account (each holds a seat): a query, or a subquery of another statement. */
export const pendingInvitationCount = (db: Db, accountId: string) =>
  db
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.accountId, accountId), eq(invitations.status, "pending")));

async function pendingInvitations(db: Db, accountId: string): Promise<number> {
  const [pending] = await pendingInvitationCount(db, accountId);
  return pending!.n;
}

async function countUsage(
  db: Db,
  accountId: string,
  plan: string,
  memberCount: number,
): Promise<AccountUsage> {
  const [pending, [projectCount]] = await Promise.all([
    pendingInvitations(db, accountId),
    db.select({ n: count() }).from(projects).where(eq(projects.accountId, accountId)),
  ]);
  return { plan: planOf(plan), seats: memberCount + pending, projects: projectCount!.n };
}

/** The seats an account uses, for display: its context already holds the member count. */
export async function seatUsage(db: Db, account: { id: string; plan: string; memberCount: number }) {
  return seatUsageOf(account, await pendingInvitations(db, account.id));
}

/** The same, from a pending invitation count read elsewhere (in a page's own statement). */
export function seatUsageOf(account: { plan: string; memberCount: number }, pending: number) {
  const plan = planOf(account.plan);
  const seats = account.memberCount + pending;
  return { plan, seats, left: plan.seats === null ? Infinity : Math.max(0, plan.seats - seats) };
}

/** What the account uses of its plan, for display (no lock). */
export async function accountUsage(db: Db, accountId: string): Promise<AccountUsage> {
  const [account] = await db
    .select({ plan: accounts.plan, memberCount: accounts.memberCount })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!account) throw new AppError("not_found", "Not found.");
  return countUsage(db, accountId, account.plan, account.memberCount);
}

/**
 * The same, for a page: the plan and member count from the caller's member context (read this
 * request), the pending invitations and projects counted in one statement.
 */
export async function accountUsageOf(
  db: Db,
  account: { id: string; plan: string; memberCount: number },
): Promise<AccountUsage> {
  const [row] = await db
    .select({
      pending: sql<number>`(${pendingInvitationCount(db, account.id)})`.mapWith(Number),
      projects:
        sql<number>`(${db.select({ n: count() }).from(projects).where(eq(projects.accountId, account.id))})`.mapWith(
          Number,
        ),
    })
    .from(accounts)
    .where(eq(accounts.id, account.id));
  if (!row) throw new AppError("not_found", "Not found.");
  return { plan: planOf(account.plan), seats: account.memberCount + row.pending, projects: row.projects };
}

/**
 * Locks the account row and answers what it uses of its plan. Call it inside the transaction
 * that takes a seat or a project, before taking it: until that transaction ends, nobody else
 * can take one in this account (adding a membership updates this row too, through the member
 * count trigger, so the lock is the one those writes take anyway).
 */
export async function lockAccountUsage(tx: Db, accountId: string): Promise<AccountUsage> {
  const [account] = await tx
    .select({ plan: accounts.plan, memberCount: accounts.memberCount })
    .from(accounts)
    .where(eq(accounts.id, accountId))
    .for("no key update");
  if (!account) throw new AppError("not_found", "Not found.");
  return countUsage(tx, accountId, account.plan, account.memberCount);
}

/** Seats still free under the plan (Infinity without a limit). */
export function seatsLeft(usage: AccountUsage): number {
  return usage.plan.seats === null ? Infinity : Math.max(0, usage.plan.seats - usage.seats);
}

export function projectsLeft(usage: AccountUsage): number {
  return usage.plan.projects === null ? Infinity : Math.max(0, usage.plan.projects - usage.projects);
}

export const seatLimitMessage = (usage: AccountUsage) =>
  `All ${usage.plan.seats} seats of the ${usage.plan.name} plan are taken. Remove someone or revoke an invitation, or move to a larger plan in Settings.`;

export const projectLimitMessage = (usage: AccountUsage) =>
  `The ${usage.plan.name} plan allows ${usage.plan.projects} projects, and they are all in use. Delete one, or move to a larger plan in Settings.`;

/** Inside the taking transaction: refuses when no seat is left. */
export async function takeSeat(tx: Db, accountId: string): Promise<void> {
  const usage = await lockAccountUsage(tx, accountId);
  if (seatsLeft(usage) < 1) throw new AppError("forbidden", seatLimitMessage(usage));
}

/** Inside the creating transaction: refuses when no project is left. */
export async function takeProject(tx: Db, accountId: string): Promise<void> {
  const usage = await lockAccountUsage(tx, accountId);
  if (projectsLeft(usage) < 1) throw new AppError("forbidden", projectLimitMessage(usage));
}

/** Why the account cannot move to `planId` today, or null when it can. */
export function planChangeRefusal(usage: AccountUsage, planId: PlanId): string | null {
  const target = planOf(planId);
  const over: string[] = [];
  if (target.seats !== null && usage.seats > target.seats) {
    over.push(
      `${usage.seats - target.seats} of the ${usage.seats} seats in use (people or pending invitations)`,
    );
  }
  if (target.projects !== null && usage.projects > target.projects) {
    over.push(`${usage.projects - target.projects} of the ${usage.projects} projects`);
  }
  if (over.length === 0) return null;
  return `The ${target.name} plan allows ${target.seats} seats and ${target.projects} projects. Remove ${over.join(" and ")} first.`;
}
