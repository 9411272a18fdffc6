import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "@/db/client";
import { memberships, projectMembers, sessions, users } from "@/db/schema";
import { isRedirect, type Action, type Caller } from "@/lib/actions/action";
import { createSession, findActiveSession } from "@/lib/auth/sessions";
import { continueInSession } from "@/lib/auth/start-session";
import { config } from "@/lib/config";
import { hashToken } from "@/lib/crypto/tokens";
import { NO_REQUEST_META, type RequestMeta } from "@/lib/http/request-meta";
import { startImpersonation } from "@/lib/members/impersonation";
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment } from "@/lib/two-factor/enrolment";
import { issueRecoveryCodes } from "@/lib/two-factor/recovery-codes";
import { loadTwoFactorStatus } from "@/lib/two-factor/status";
import { totpCode } from "@/lib/two-factor/totp";
import { removeStaleUnverifiedUsers } from "@/lib/users/remove-stale-unverified";
import { linkInLatestEmail, memberContextOf, PASSWORD, randomEmail, SIGNED_OUT } from "@/tests/fixtures";
import { testRequest, type Cookie } from "@/tests/request-jar";
import { thrownOutcome, type Scope } from "./app-pages";
import type { Actor, World } from "./world";

// What ends a session or takes access away, each done for real (through the server action a
// person would use, or the lib/ function where there is none) to a victim who held a cookie
// from before. The revocation suite replays that cookie afterwards.

/** Someone whose cookie is replayed after a trigger. */
export type Victim = {
  id: string;
  email: string;
  /** Their membership in the world's account ("" when they have none). */
  membershipId: string;
  /** The cookie made before the trigger, replayed after it. */
  old: Cookie;
  /** Another session of theirs, where they change things about themself (it goes on). */
  current: Caller;
  /** Unused recovery codes, when they have two-factor on. */
  recoveryCodes: string[];
  /** For an acting victim: the world owner's session the acting started from. */
  actingFrom?: { token: string; sessionId: string };
};

type VictimShape = {
  /** Their email was never confirmed. */
  unverified?: true;
  /** Their membership in the world's account: Administrator (the default), waiting for approval, or none at all. */
  membership?: "admin" | "awaiting" | "none";
  twoFactor?: true;
  /** The old cookie is the world's owner acting as the victim ("log in as"). */
  acting?: true;
};

/**
 * What the old cookie must meet after the trigger: the answer to no cookie, everywhere (the
 * session ended); or, where the session lives on and only some access went, on the entry
 * points of that scope, the answer a world actor gets who never had that access.
 */
export type After = "signed_out" | { like: Actor; scope: Exclude<Scope, "other">; why: string };

export type Trigger = {
  name: string;
  /** The functions it ends sessions or access through, as sessionAndAccessEnders() names them ([] for none). */
  ends: string[];
  victim?: VictimShape;
  after: After;
  run: (victim: Victim, setting: Setting) => Promise<void>;
};

/** What triggers and victims are made in: the world, every server action, and a password's hash made once. */
export type Setting = {
  db: Db;
  world: World;
  actions: Map<string, Action<unknown, unknown>>;
  passwordHash: string;
};

/** An action's answer in a few words: "ok", the refusal's code, "redirect to …", or "threw: …" (a 500). */
export async function answerOf(
  action: Action<unknown, unknown>,
  caller: Caller,
  input: unknown,
): Promise<string> {
  try {
    const result = await action.runAs(caller, input);
    return result.ok ? "ok" : result.code;
  } catch (error) {
    const outcome = thrownOutcome(error);
    if (outcome.kind === "redirect") return `redirect to ${outcome.to}`;
    if (outcome.kind === "not_found") return "404";
    return `threw: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    testRequest.cookies = new Map();
  }
}

/**
 * The cookies Auth.js sets for a live session, made by the app's own handoff (the one "log in
 * as" uses to put a session the server opened into the browser). Kept, they can be replayed
 * after the session ends.
 */
export async function cookieOf(token: string): Promise<Cookie> {
  testRequest.cookies = new Map();
  try {
    await continueInSession(token, "/");
  } catch (error) {
    if (!isRedirect(error)) throw error; // success is a redirect
  }
  const jar = new Map(testRequest.cookies);
  testRequest.cookies = new Map();
  if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) {
    throw new Error(
      `Auth.js set no session cookie for a live session (it set: ${[...jar.keys()].join(", ")})`,
    );
  }
  return { token, jar };
}

/** Runs a trigger's own step, which must succeed (or redirect, as success does). */
async function done(setting: Setting, key: string, caller: Caller, input: unknown, cookie?: Cookie) {
  if (cookie) testRequest.cookies = new Map(cookie.jar);
  const answer = await answerOf(setting.actions.get(key)!, caller, input);
  expect(answer, `${key} (the trigger itself)`).toMatch(/^(ok|redirect to .*)$/);
}

let requests = 0;
/** A request from an address of its own: per-network limits would count every call of the suite together. */
export const freshMeta = (): RequestMeta => ({
  ip: `2001:db8::${(++requests).toString(16)}`,
  userAgent: "revocation suite",
});

const asCaller = (cookie: Cookie): Caller => ({ sessionToken: cookie.token, meta: NO_REQUEST_META });

const NEW_PASSWORD = "a brand new password 42";

/** "Forgot your password?", then the link from the email: the real actions, as anyone would use them. */
async function resetThroughLink(victim: Victim, setting: Setting) {
  const anyone = { sessionToken: null, meta: freshMeta() };
  await done(setting, "(auth)/forgot-password#requestPasswordResetAction", anyone, { email: victim.email });
  const { token } = await linkInLatestEmail(setting.db, victim.email, "/reset-password/");
  await done(setting, "(auth)/reset-password/[token]#resetPasswordAction", anyone, {
    token,
    password: NEW_PASSWORD,
  });
}

/** The world's owner acts on the victim's membership through a member's page action. */
const byOwner =
  (key: string, extra: Record<string, unknown> = {}) =>
  (victim: Victim, setting: Setting) =>
    done(setting, `(app)/a/[account]/members/[member]#${key}`, setting.world.callers.owner, {
      account: setting.world.account.shortName,
      membershipId: victim.membershipId,
      ...extra,
    });

/** Time passing for a session, as the clock would move it: every request reads this row. */
const ageSession =
  (changes: () => { lastSeenAt?: Date; expiresAt?: Date }) => async (victim: Victim, setting: Setting) => {
    await setting.db
      .update(sessions)
      .set(changes())
      .where(eq(sessions.tokenHash, hashToken(victim.old.token)));
  };

const secondsAgo = (seconds: number) => new Date(Date.now() - seconds * 1000);

const REMOVED =
  "not_found: the session lives on (they are still a user), but the account is no longer theirs, and to an outsider an account does not exist";

export const TRIGGERS: Trigger[] = [
  {
    name: "signing out",
    ends: ["app/(app)/actions.ts#signOutAction"],
    after: "signed_out",
    run: (victim, setting) => done(setting, "(app)#signOutAction", asCaller(victim.old), {}, victim.old),
  },
  {
    name: "signing in again in the same browser",
    ends: ["lib/auth/start-session.ts#openSession"],
    after: "signed_out",
    run: (victim, setting) =>
      done(
        setting,
        "(auth)/sign-in#signInAction",
        SIGNED_OUT,
        { email: victim.email, password: PASSWORD, callbackUrl: "/accounts" },
        victim.old,
      ),
  },
  {
    name: "changing one's password",
    ends: ["lib/users/profile.ts#changePassword"],
    after: "signed_out",
    run: (victim, setting) =>
      done(setting, "(app)/profile#changePasswordAction", victim.current, {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      }),
  },
  {
    name: "signing the session out from the profile's list",
    ends: ["lib/users/profile.ts#signOutSession"],
    after: "signed_out",
    run: async (victim, setting) => {
      const old = await findActiveSession(setting.db, victim.old.token);
      await done(setting, "(app)/profile#signOutSessionAction", victim.current, {
        sessionId: old!.sessionId,
      });
    },
  },
  {
    name: "signing out everywhere else",
    ends: ["lib/users/profile.ts#signOutOtherSessions"],
    after: "signed_out",
    run: (victim, setting) => done(setting, "(app)/profile#signOutOtherSessionsAction", victim.current, {}),
  },
  {
    name: "resetting the password through the emailed link",
    ends: ["lib/users/password-reset.ts#choosePasswordWithLink"],
    after: "signed_out",
    run: resetThroughLink,
  },
  {
    name: "the owner of an unconfirmed address taking its user over (through a reset link)",
    ends: [
      "lib/users/claim-unverified.ts#claimUnverifiedUser",
      "lib/users/password-reset.ts#choosePasswordWithLink",
    ],
    victim: { unverified: true },
    after: "signed_out",
    run: resetThroughLink,
  },
  {
    name: "an administrator forcing a password reset",
    ends: ["lib/members/password-reset-by-admin.ts#sendPasswordResetByAdmin"],
    after: "signed_out",
    run: byOwner("forcePasswordResetAction"),
  },
  {
    name: "changing one's email (confirmed through the link sent to the new address)",
    ends: ["lib/users/email-change.ts#confirmEmailChange"],
    after: "signed_out",
    run: async (victim, setting) => {
      const newEmail = randomEmail("moved");
      await done(setting, "(app)/profile#requestEmailChangeAction", victim.current, {
        newEmail,
        password: PASSWORD,
      });
      const { token } = await linkInLatestEmail(setting.db, newEmail, "/confirm-email/");
      await done(setting, "confirm-email/[token]#confirmEmailChangeAction", victim.current, { token });
    },
  },
  {
    name: "turning two-factor on",
    ends: ["lib/two-factor/enrolment.ts#confirmTwoFactorEnrolment"],
    after: "signed_out",
    run: async (victim, setting) => {
      await done(setting, "(app)/profile/two-factor#startEnrolmentAction", victim.current, {});
      const status = await loadTwoFactorStatus(setting.db, victim.id);
      const code = await totpCode(status!.enrolment!.secret);
      await done(setting, "(app)/profile/two-factor#confirmEnrolmentAction", victim.current, {
        password: PASSWORD,
        code,
      });
    },
  },
  {
    name: "turning two-factor off",
    ends: ["lib/two-factor/manage.ts#disableTwoFactor"],
    victim: { twoFactor: true },
    after: "signed_out",
    run: (victim, setting) =>
      done(setting, "(app)/profile/two-factor#disableTwoFactorAction", victim.current, {
        password: PASSWORD,
        code: victim.recoveryCodes[0],
      }),
  },
  {
    name: "renewing the recovery codes",
    ends: ["lib/two-factor/manage.ts#renewRecoveryCodes"],
    victim: { twoFactor: true },
    after: "signed_out",
    run: (victim, setting) =>
      done(setting, "(app)/profile/two-factor#renewRecoveryCodesAction", victim.current, {
        code: victim.recoveryCodes[0],
      }),
  },
  {
    name: "a platform operator disabling the user",
    ends: ["lib/admin/manage-users.ts#setUserDisabled"],
    after: "signed_out",
    run: (victim, setting) =>
      done(setting, "admin#setUserDisabledAction", setting.world.callers.operator, {
        userId: victim.id,
        disabled: "true",
      }),
  },
  {
    name: "a platform operator deleting the user",
    ends: ["lib/admin/manage-users.ts#deleteUser"],
    after: "signed_out",
    run: (victim, setting) =>
      done(setting, "admin#deleteUserAction", setting.world.callers.operator, { userId: victim.id }),
  },
  {
    name: "an administrator deleting a person the account created",
    ends: ["lib/members/edit-person.ts#deletePerson"],
    after: "signed_out",
    run: byOwner("deletePersonAction"),
  },
  {
    name: "the removal of a user who never confirmed their email (a week unused)",
    ends: ["lib/users/remove-stale-unverified.ts#removeStaleUnverifiedUsers"],
    victim: { unverified: true, membership: "none" },
    after: "signed_out",
    run: async (_victim, setting) => {
      // Eight days on, the session has been unused for a week (idle sessions end sooner by
      // default, but not with a longer SESSION_IDLE_DAYS): the user goes, their sessions with them.
      const inEightDays = new Date(Date.now() + 8 * 24 * 60 * 60 * 1000);
      expect(await removeStaleUnverifiedUsers(setting.db, inEightDays)).toBeGreaterThan(0);
    },
  },
  {
    name: "the administrator acting as the person stopping",
    ends: ["lib/members/impersonation.ts#stopImpersonation"],
    victim: { acting: true },
    after: "signed_out",
    run: (victim, setting) =>
      done(setting, "(app)#stopImpersonationAction", asCaller(victim.old), {}, victim.old),
  },
  {
    name: "the session of the administrator acting as the person being signed out",
    ends: ["lib/users/profile.ts#signOutSession"],
    victim: { acting: true },
    after: "signed_out",
    run: (victim, setting) =>
      done(setting, "(app)/profile#signOutSessionAction", setting.world.callers.owner, {
        sessionId: victim.actingFrom!.sessionId,
      }),
  },
  {
    name: "the session going unused for longer than SESSION_IDLE_DAYS",
    ends: [],
    after: "signed_out",
    run: ageSession(() => ({ lastSeenAt: secondsAgo(config.sessionIdleSeconds() + 60) })),
  },
  {
    name: "the session reaching the end of its lifetime (however active)",
    ends: [],
    after: "signed_out",
    run: ageSession(() => ({ lastSeenAt: new Date(), expiresAt: secondsAgo(1) })),
  },
  {
    name: "the hour of acting as the person running out",
    ends: [],
    victim: { acting: true },
    after: "signed_out",
    run: ageSession(() => ({ expiresAt: secondsAgo(1) })),
  },
  {
    name: "being removed from the account",
    ends: ["lib/members/manage.ts#endMembership"],
    after: { like: "otherAccountMember", scope: "account", why: REMOVED },
    run: byOwner("removeMemberAction"),
  },
  {
    name: "leaving the account (in another session)",
    ends: ["lib/members/manage.ts#endMembership"],
    after: { like: "otherAccountMember", scope: "account", why: REMOVED },
    run: (victim, setting) =>
      done(setting, "(app)/a/[account]/members/[member]#leaveAccountAction", victim.current, {
        account: setting.world.account.shortName,
      }),
  },
  {
    name: "a request to join being rejected",
    ends: ["lib/members/approval.ts#decideApproval"],
    victim: { membership: "awaiting" },
    after: { like: "otherAccountMember", scope: "account", why: REMOVED },
    run: byOwner("rejectMemberAction"),
  },
  {
    name: "access to the account being disabled",
    ends: [],
    after: {
      like: "disabled",
      scope: "account",
      why: "forbidden: still a member, with their role kept for when access returns; pages send them to their accounts page to say so",
    },
    run: byOwner("disableMemberAction"),
  },
  {
    name: "a change of role (Administrator to Guest)",
    ends: [],
    after: {
      like: "guest",
      scope: "account",
      why: "forbidden for want of the permission (and audited), as to anyone who was always a Guest",
    },
    run: byOwner("changeMemberRoleAction", { role: "guest" }),
  },
  {
    name: "no longer being a platform operator",
    ends: [],
    after: {
      like: "admin",
      scope: "console",
      why: "not_found: the console does not exist for anyone but an operator, and that is checked on every request",
    },
    run: (victim, setting) =>
      done(setting, "admin#setOperatorAction", setting.world.callers.operator, {
        userId: victim.id,
        operator: "false",
      }),
  },
];

async function sessionOf(db: Db, userId: string) {
  const token = await createSession(db, userId, NO_REQUEST_META);
  return { token, sessionId: (await findActiveSession(db, token))!.sessionId };
}

/**
 * A person whose cookie reaches every kind of entry point: a platform operator and an
 * Administrator of the world's account, with the project access the world's Guest has (so
 * that, made a Guest, they are answered as the Guest is), whom the account created (so it may
 * delete them) and who owns no account (so an operator may delete them). Their old cookie is
 * made last, once their sessions and two-factor are as the trigger needs.
 */
export async function addVictim(setting: Setting, shape: VictimShape = {}): Promise<Victim> {
  const { db, world } = setting;
  const email = randomEmail("victim");
  const membership = shape.membership ?? "admin";
  const [user] = await db
    .insert(users)
    .values({
      name: "Victim",
      email,
      passwordHash: setting.passwordHash,
      emailVerifiedAt: shape.unverified ? null : new Date(),
      isPlatformOperator: true,
      createdInAccountId: membership === "none" ? null : world.account.id,
    })
    .returning({ id: users.id });
  const id = user!.id;
  let membershipId = "";
  if (membership !== "none") {
    const [row] = await db
      .insert(memberships)
      .values({
        accountId: world.account.id,
        userId: id,
        role: membership === "admin" ? "admin" : "member",
        awaitingApprovalSince: membership === "awaiting" ? new Date() : null,
      })
      .returning({ id: memberships.id });
    membershipId = row!.id;
    const guest = await memberContextOf(db, world.people.guest, world.account.shortName);
    const grants = await db
      .select({
        accountId: projectMembers.accountId,
        projectId: projectMembers.projectId,
        role: projectMembers.role,
      })
      .from(projectMembers)
      .where(eq(projectMembers.membershipId, guest.membership.id));
    if (grants.length > 0)
      await db.insert(projectMembers).values(grants.map((g) => ({ ...g, membershipId })));
  }
  const current = await sessionOf(db, id);
  let recoveryCodes: string[] = [];
  if (shape.twoFactor) {
    const me = { id, email, name: "Victim" };
    await startTwoFactorEnrolment(db, me);
    const status = await loadTwoFactorStatus(db, id);
    const code = await totpCode(status!.enrolment!.secret);
    await confirmTwoFactorEnrolment(db, me, current.sessionId, { password: PASSWORD, code }, NO_REQUEST_META);
    recoveryCodes = await issueRecoveryCodes(db, id);
  }
  if (!shape.acting) {
    return {
      id,
      email,
      membershipId,
      old: await cookieOf((await sessionOf(db, id)).token),
      current: { sessionToken: current.token, meta: NO_REQUEST_META },
      recoveryCodes,
    };
  }
  // The world's owner, in a session of their own, acts as the victim.
  const actingFrom = await sessionOf(db, world.people.owner.id);
  const acting = await startImpersonation(
    db,
    await memberContextOf(db, world.people.owner, world.account.shortName),
    (await findActiveSession(db, actingFrom.token))!,
    { membershipId, reason: "The revocation suite" },
    NO_REQUEST_META,
  );
  return {
    id,
    email,
    membershipId,
    old: await cookieOf(acting.token),
    current: { sessionToken: current.token, meta: NO_REQUEST_META },
    recoveryCodes,
    actingFrom,
  };
}
