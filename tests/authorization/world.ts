import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  accounts,
  memberships,
  projectMembers,
  projects,
  users,
  type MembershipRole,
  type ProjectRole,
} from "@/db/schema";
import type { Caller } from "@/lib/actions/action";
import { inviteMembers } from "@/lib/invitations/invite";
import { changeJoinLink } from "@/lib/invitations/join-link";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { issueUserToken } from "@/lib/users/user-tokens";
import { randomBytes, randomUUID } from "node:crypto";
import { insertProject } from "@/lib/projects/projects";
import { createRepository, linkRepository } from "@/lib/repositories/repositories";
import { requestEmailChange } from "@/lib/users/email-change";
import { findActiveSession } from "@/lib/auth/sessions";
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment } from "@/lib/two-factor/enrolment";
import { issueRecoveryCodes } from "@/lib/two-factor/recovery-codes";
import { loadTwoFactorStatus } from "@/lib/two-factor/status";
import { totpCode } from "@/lib/two-factor/totp";
import {
  callerFor,
  linkInLatestEmail,
  memberContextOf,
  PASSWORD,
  randomEmail,
  SIGNED_OUT,
  signUp,
  passwordSession,
} from "@/tests/fixtures";

/** Every kind of caller the authorization matrix tries each action as. */
export const ACTORS = [
  "signedOut",
  "otherAccountMember",
  "otherAccountOwner",
  // A platform operator (/admin) who belongs to neither account: an outsider to both.
  "operator",
  "disabled",
  "awaiting",
  "guest",
  "member",
  "custom",
  "admin",
  "owner",
] as const;
export type Actor = (typeof ACTORS)[number];

type Person = { id: string; email: string };

export type World = {
  db: Db;
  /** The account the actions target. */
  account: { id: string; shortName: string };
  /** Another account, where the "other account" actors belong. */
  otherAccount: { id: string; shortName: string };
  callers: Record<Actor, Caller>;
  people: Record<Exclude<Actor, "signedOut">, Person>;
  /** Adds a fresh user to the target account with a built-in role (a target for member actions). */
  addMember: (
    role: Exclude<MembershipRole, "custom">,
    name?: string,
  ) => Promise<Person & { membershipId: string }>;
  /** Adds a fresh Member who waits for approval; their membership id. */
  addAwaitingMember: () => Promise<string>;
  /** Adds a fresh Member whose user this account created ("New user") and who belongs nowhere else. */
  addCreatedHere: () => Promise<Person & { membershipId: string }>;
  /** A fresh custom role in the target account (made by its owner); its id. */
  createRole: () => Promise<string>;
  /** A fresh invitation to the target account (sent by its owner), and the token from its email. */
  invite: () => Promise<{ invitationId: string; token: string }>;
  /** The code of the target account's join link, turned on (by its owner) if it is off. */
  joinCode: () => Promise<string>;
  /** A fresh invitation for `email` to a fresh account none of the actors belongs to. */
  inviteElsewhere: (email: string) => Promise<{ invitationId: string; token: string }>;
  /**
   * An email-verification token for the actor's own user (a link in their hands); for the
   * signed out, a fresh unconfirmed user's, read from its email.
   */
  verificationTokenFor: (actor: Actor) => Promise<string>;
  /** A fresh user's pending email change; the token from the link. */
  emailChangeToken: () => Promise<string>;
  /** A fresh second session of the actor's own user (a random id for the signed out); its id. */
  extraSessionOf: (actor: Actor) => Promise<string>;
  /**
   * The account's first project, where the guest is Viewer, the member Editor and the custom
   * role's holder Manager (the admin and owner manage every project without a grant).
   */
  project: { key: string; name: string };
  /** A fresh project with the same grants as `project`. */
  projectWithGrants: () => Promise<{ key: string; name: string }>;
  /** A fresh member of the account with Viewer access to `project`; their membership id. */
  projectGrantee: () => Promise<string>;
  /** A fresh repository of the account, linked to `project` (so its people can see it); its name. */
  repository: () => Promise<string>;
  /** A fresh project of the account nobody was given (only those who manage every project see it). */
  ungrantedProject: () => Promise<{ key: string; name: string }>;
  /** Starts two-factor setup afresh for the actor's user: the code that confirms it (any for the signed out). */
  enrolmentCodeFor: (actor: Actor) => Promise<string>;
  /** Turns two-factor on for the actor's user (if off): one of their unused recovery codes. */
  recoveryCodeFor: (actor: Actor) => Promise<string>;
};

async function addMemberTo(
  db: Db,
  accountId: string,
  role: MembershipRole,
  name = "Someone",
  customRoleId: string | null = null,
) {
  const email = randomEmail(role);
  // Created through sign-up (with an account of their own), then added here with `role`.
  const { user } = await signUp(db, { email, name });
  const [membership] = await db
    .insert(memberships)
    .values({ accountId, userId: user.id, role, customRoleId })
    .returning({ id: memberships.id });
  return { id: user.id, email, membershipId: membership!.id };
}

/** A user made by an administrator of the account (no password yet), and their membership there. */
async function addCreatedHereTo(db: Db, accountId: string) {
  const email = randomEmail("created");
  const [user] = await db
    .insert(users)
    .values({ name: "Created Here", email, createdInAccountId: accountId, lastAccountId: accountId })
    .returning({ id: users.id });
  const [membership] = await db
    .insert(memberships)
    .values({ accountId, userId: user!.id, role: "member" })
    .returning({ id: memberships.id });
  return { id: user!.id, email, membershipId: membership!.id };
}

/** A platform operator, signed up with an account of their own (neither of the world's). */
async function addOperator(db: Db) {
  const { user, email } = await signUp(db, { name: "Operator", email: randomEmail("operator") });
  await db.update(users).set({ isPlatformOperator: true }).where(eq(users.id, user.id));
  return { id: user.id, email };
}

/**
 * One account with an owner, an administrator, a member, a guest and a holder of a custom role
 * ("Coordinator": sees the member list and invites people), and an unrelated account.
 */
export async function buildWorld(db: Db): Promise<World> {
  const owner = await signUp(db, { name: "Owner" });
  const other = await signUp(db, { name: "Other Owner" });
  const account = { id: owner.account.id, shortName: owner.account.shortName };
  const otherAccount = { id: other.account.id, shortName: other.account.shortName };
  // Many people and projects: more than Free allows (lib/plans/limits.test.ts tests the limits).
  await db
    .update(accounts)
    .set({ plan: "business" })
    .where(inArray(accounts.id, [account.id, otherAccount.id]));
  const ownerCtx = await memberContextOf(db, owner.user, account.shortName);
  const coordinator = await createCustomRole(
    db,
    ownerCtx,
    { name: "Coordinator", description: "", permissions: ["members.read", "members.invite"] },
    NO_REQUEST_META,
  );
  const people = {
    otherAccountOwner: { id: other.user.id, email: other.email },
    otherAccountMember: await addMemberTo(db, otherAccount.id, "member", "Other Member"),
    operator: await addOperator(db),
    // A Member whose access an administrator disabled: refused everything in the account.
    disabled: await addMemberTo(db, account.id, "member", "Disabled"),
    // A Member who joined while the account required approval, not approved yet.
    awaiting: await addMemberTo(db, account.id, "member", "Awaiting"),
    guest: await addMemberTo(db, account.id, "guest", "Guest"),
    custom: await addMemberTo(db, account.id, "custom", "Coordinator", coordinator!.id),
    member: await addMemberTo(db, account.id, "member", "Member"),
    admin: await addMemberTo(db, account.id, "admin", "Admin"),
    owner: { id: owner.user.id, email: owner.email },
  };
  await db
    .update(memberships)
    .set({ disabledAt: new Date() })
    .where(eq(memberships.id, people.disabled.membershipId));
  await db
    .update(memberships)
    .set({ awaitingApprovalSince: new Date() })
    .where(eq(memberships.id, people.awaiting.membershipId));
  // Everyone's email is verified, so that in-app invitation actions are theirs to take.
  for (const person of Object.values(people)) {
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, person.id));
  }
  const inviteFrom = (ctx: Awaited<ReturnType<typeof memberContextOf>>) => async (email: string) => {
    const [result] = await inviteMembers(db, ctx, { emails: email, role: "guest" }, NO_REQUEST_META);
    if (result?.outcome !== "invited")
      throw new Error(`could not invite ${email}: ${JSON.stringify(result)}`);
    const { token } = await linkInLatestEmail(db, email, "/invite/");
    return { invitationId: result.invitationId, token };
  };
  // Loaded again: the owner's email is verified now, as an established inviter's would be.
  const inviteToAccount = inviteFrom(await memberContextOf(db, owner.user, account.shortName));
  const callers = {} as Record<Actor, Caller>;
  callers.signedOut = SIGNED_OUT;
  for (const [actor, person] of Object.entries(people))
    callers[actor as Actor] = await callerFor(db, person.email);

  const grantProject = async (projectId: string, membershipId: string, role: ProjectRole) =>
    db.insert(projectMembers).values({ accountId: account.id, projectId, membershipId, role });
  const withGrants = async (project: { id: string; key: string; name: string }) => {
    await grantProject(project.id, people.guest.membershipId, "viewer");
    await grantProject(project.id, people.member.membershipId, "editor");
    await grantProject(project.id, people.custom.membershipId, "manager");
    return { key: project.key, name: project.name };
  };
  const [firstProject] = await db
    .select({ id: projects.id, key: projects.key, name: projects.name })
    .from(projects)
    .where(eq(projects.accountId, account.id));
  const project = await withGrants(firstProject!);
  const ownerMember = { ...people.owner, membershipId: ownerCtx.membership.id };
  const freshProject = async () => {
    const key = `P${randomBytes(4).toString("hex").toUpperCase()}`;
    return insertProject(
      db,
      account,
      ownerMember,
      { key, name: `Project ${key}`, description: "" },
      NO_REQUEST_META,
    );
  };

  const enrolmentCodeFor = async (actor: Actor) => {
    if (actor === "signedOut") return "123456";
    const person = people[actor];
    await db
      .update(users)
      .set({ twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorPendingSecret: null })
      .where(eq(users.id, person.id));
    await startTwoFactorEnrolment(db, { ...person, name: actor });
    const status = await loadTwoFactorStatus(db, person.id);
    return totpCode(status!.enrolment!.secret);
  };

  return {
    db,
    account,
    otherAccount,
    callers,
    people,
    addMember: (role, name) => addMemberTo(db, account.id, role, name),
    addCreatedHere: () => addCreatedHereTo(db, account.id),
    addAwaitingMember: async () => {
      const { membershipId } = await addMemberTo(db, account.id, "member", "Newcomer");
      await db
        .update(memberships)
        .set({ awaitingApprovalSince: new Date() })
        .where(eq(memberships.id, membershipId));
      return membershipId;
    },
    createRole: async () =>
      (await createCustomRole(
        db,
        ownerCtx,
        { name: `Role ${randomEmail()}`, description: "", permissions: [] },
        NO_REQUEST_META,
      ))!.id,
    invite: () => inviteToAccount(randomEmail("invited")),
    joinCode: async () => {
      const { code } = await changeJoinLink(
        db,
        await memberContextOf(db, owner.user, account.shortName),
        "on",
        NO_REQUEST_META,
      );
      return code!;
    },
    inviteElsewhere: async (email) => {
      const elsewhere = await signUp(db, { name: "Elsewhere Owner" });
      return inviteFrom(await memberContextOf(db, elsewhere.user, elsewhere.account.shortName))(email);
    },
    emailChangeToken: async () => {
      const { user, email } = await signUp(db);
      const newEmail = randomEmail("moved");
      await requestEmailChange(
        db,
        { id: user.id, email, name: user.name },
        { newEmail, password: PASSWORD },
        NO_REQUEST_META,
      );
      return (await linkInLatestEmail(db, newEmail, "/confirm-email/")).token;
    },
    extraSessionOf: async (actor) => {
      if (actor === "signedOut") return randomUUID();
      const { sessionToken } = await passwordSession(
        db,
        { email: people[actor].email, password: PASSWORD },
        NO_REQUEST_META,
      );
      return (await findActiveSession(db, sessionToken))!.sessionId;
    },
    enrolmentCodeFor,
    project,
    projectWithGrants: async () => withGrants(await freshProject()),
    ungrantedProject: async () => {
      const { key, name } = await freshProject();
      return { key, name };
    },
    repository: async () => {
      const name = `repo-${randomBytes(4).toString("hex")}`;
      await createRepository(
        db,
        ownerCtx,
        { name, cloneUrl: `git@github.com:acme/${name}.git`, defaultBranch: "main", description: "" },
        NO_REQUEST_META,
      );
      await linkRepository(db, ownerCtx, { repository: name, projectKey: project.key }, NO_REQUEST_META);
      return name;
    },
    projectGrantee: async () => {
      const grantee = await addMemberTo(db, account.id, "member", "Grantee");
      await grantProject(firstProject!.id, grantee.membershipId, "viewer");
      return grantee.membershipId;
    },
    recoveryCodeFor: async (actor) => {
      if (actor === "signedOut") return "aaaaa-bbbbb";
      const person = people[actor];
      const [row] = await db
        .select({ on: users.twoFactorEnabledAt })
        .from(users)
        .where(eq(users.id, person.id));
      if (!row?.on) {
        const me = { ...person, name: actor };
        // Turning it on ends the user's other sessions: the actor's caller is the one kept.
        const caller = await findActiveSession(db, callers[actor].sessionToken!);
        await confirmTwoFactorEnrolment(
          db,
          me,
          caller?.sessionId ?? randomUUID(),
          { password: PASSWORD, code: await enrolmentCodeFor(actor) },
          NO_REQUEST_META,
        );
      }
      return (await issueRecoveryCodes(db, person.id))[0]!;
    },
    verificationTokenFor: async (actor) => {
      if (actor === "signedOut") {
        const { email } = await signUp(db, { verified: false });
        return (await linkInLatestEmail(db, email, "/verify-email/")).token;
      }
      const person = people[actor];
      return issueUserToken(db, { userId: person.id, purpose: "verify_email", email: person.email });
    },
  };
}
