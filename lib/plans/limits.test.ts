import { randomInt } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditEvents, invitations } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { inviteMembers } from "@/lib/invitations/invite";
import { changeJoinLink, requestToJoin } from "@/lib/invitations/join-link";
import { revokeInvitation } from "@/lib/invitations/manage";
import { addPersonDirectly } from "@/lib/members/add-person";
import { createProject } from "@/lib/projects/projects";
import { memberContextOf, randomEmail, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { changePlan } from "./change-plan";
import { accountUsage } from "./limits";

const t = testDatabase();

/** A network address of its own, so that the per-network invitation budget is not what stops us. */
const someNetwork = (): RequestMeta => ({
  ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`,
  userAgent: "test",
});

async function freeAccount() {
  const owner = await signUp(t.db, { name: "Owner Olga" });
  const ctx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  return { owner, ctx };
}

const addresses = (n: number) => Array.from({ length: n }, () => randomEmail("seat")).join(", ");

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AppError ? error.message : Promise.reject(error)),
  );

describe("plans and limits", () => {
  it("starts every account on Free, counting the owner's seat and the first project", async () => {
    const { ctx } = await freeAccount();
    const usage = await accountUsage(t.db, ctx.account.id);
    expect(usage.plan.id).toBe("free");
    expect(usage).toMatchObject({ seats: 1, projects: 1 });
  });

  it("answers each address of a bulk invite on its own once the seats run out", async () => {
    const { ctx } = await freeAccount();
    const outcomes = await inviteMembers(t.db, ctx, { emails: addresses(6), role: "member" }, someNetwork());
    expect(outcomes.map((o) => o.outcome)).toEqual([
      "invited",
      "invited",
      "invited",
      "invited",
      "over_seat_limit",
      "over_seat_limit",
    ]);
    expect((await accountUsage(t.db, ctx.account.id)).seats).toBe(5);
    // Re-inviting someone already invited needs no seat, and still says so.
    const again = await inviteMembers(
      t.db,
      ctx,
      { emails: outcomes[0]!.email, role: "member" },
      someNetwork(),
    );
    expect(again[0]!.outcome).toBe("already_invited");
  });

  it("gives the last seat to exactly one of many invites sent at once", async () => {
    const { ctx } = await freeAccount();
    await inviteMembers(t.db, ctx, { emails: addresses(3), role: "member" }, someNetwork());
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        inviteMembers(t.db, ctx, { emails: randomEmail("race"), role: "member" }, someNetwork()),
      ),
    );
    const invited = results.filter(([outcome]) => outcome!.outcome === "invited");
    expect(invited).toHaveLength(1);
    const [pending] = await t.db
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.accountId, ctx.account.id), eq(invitations.status, "pending")));
    expect(pending!.n).toBe(4);
  });

  it("frees a seat when an invitation is revoked", async () => {
    const { ctx } = await freeAccount();
    const [first] = await inviteMembers(t.db, ctx, { emails: addresses(4), role: "member" }, someNetwork());
    const [refused] = await inviteMembers(
      t.db,
      ctx,
      { emails: randomEmail(), role: "member" },
      someNetwork(),
    );
    expect(refused!.outcome).toBe("over_seat_limit");
    if (first!.outcome !== "invited") throw new Error("expected an invitation");
    await revokeInvitation(t.db, ctx, first!.invitationId, someNetwork());
    const [next] = await inviteMembers(t.db, ctx, { emails: randomEmail(), role: "member" }, someNetwork());
    expect(next!.outcome).toBe("invited");
  });

  it("refuses New user and the join link when every seat is taken", async () => {
    const { ctx } = await freeAccount();
    const { code } = await changeJoinLink(t.db, ctx, "on", someNetwork());
    await inviteMembers(t.db, ctx, { emails: addresses(4), role: "member" }, someNetwork());
    const person = {
      name: "Nina New",
      email: randomEmail("nina"),
      username: "",
      displayName: "",
      company: "",
      role: "member",
      projectKeys: [],
      projectRole: "viewer" as const,
      sendWelcome: false,
      welcomeSubject: "",
      bccMe: false,
    };
    expect(await refusal(addPersonDirectly(t.db, ctx, person, someNetwork()))).toMatch(
      /All 5 seats of the Free plan/,
    );
    expect(await refusal(requestToJoin(t.db, { code: code!, email: randomEmail() }, someNetwork()))).toMatch(
      /cannot take anyone new/,
    );
  });

  it("refuses a project past the plan's limit", async () => {
    const { ctx } = await freeAccount();
    await createProject(t.db, ctx, { name: "Two", key: "TWO", description: "" }, someNetwork());
    await createProject(t.db, ctx, { name: "Three", key: "THREE", description: "" }, someNetwork());
    expect(
      await refusal(createProject(t.db, ctx, { name: "Four", key: "FOUR", description: "" }, someNetwork())),
    ).toMatch(/allows 3 projects/);
  });

  it("changes plan at once, audited, and refuses to go below what is in use", async () => {
    const { owner, ctx } = await freeAccount();
    const actor = { id: owner.user.id, email: owner.email };
    await changePlan(t.db, { accountId: ctx.account.id, planId: "team", actor }, someNetwork());
    const outcomes = await inviteMembers(t.db, ctx, { emails: addresses(6), role: "member" }, someNetwork());
    expect(outcomes.every((o) => o.outcome === "invited")).toBe(true);

    const message = await refusal(
      changePlan(t.db, { accountId: ctx.account.id, planId: "free", actor }, someNetwork()),
    );
    expect(message).toMatch(/Remove 2 of the 7 seats in use/);
    const [account] = await t.db
      .select({ plan: accounts.plan })
      .from(accounts)
      .where(eq(accounts.id, ctx.account.id));
    expect(account!.plan).toBe("team");

    const events = await t.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.accountId, ctx.account.id), eq(auditEvents.action, "account.plan_changed")));
    expect(events).toEqual([{ data: { before: { plan: "free" }, after: { plan: "team" } } }]);
  });
});
