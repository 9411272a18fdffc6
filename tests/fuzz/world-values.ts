import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { customRoles, memberships, projects } from "@/db/schema";
import type { World } from "@/tests/authorization/world";
import { randomEmail, randomShortName } from "@/tests/fixtures";

/**
 * Valid-looking values for an action's fields, by field name: the world's own names, ids and
 * tokens first (the owner's account, its project: what reaches the deepest code), then others'
 * (another account's short name and project, someone else's invitation) and ones that exist
 * nowhere. The fuzz mixes them with hostile values.
 */
export type FieldValues = Record<string, unknown[]>;

export async function worldValues(w: World): Promise<FieldValues> {
  const db = w.db;
  const accountIds = [w.account.id, w.otherAccount.id];
  const membershipIds = (
    await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(inArray(memberships.accountId, accountIds))
  ).map((m) => m.id);
  const roleIds = [
    await w.createRole(),
    ...(
      await db.select({ id: customRoles.id }).from(customRoles).where(eq(customRoles.accountId, w.account.id))
    ).map((r) => r.id),
  ];
  const [otherProject] = await db
    .select({ key: projects.key })
    .from(projects)
    .where(eq(projects.accountId, w.otherAccount.id));
  const ungranted = await w.ungrantedProject();
  const repository = await w.repository();
  // Addressed to others (the owner may not take them), and one to the owner from elsewhere.
  const invitations = [await w.inviteElsewhere(w.people.owner.email), await w.invite(), await w.invite()];
  const projectKeys = [w.project.key, ungranted.key, otherProject!.key, "NOPE1"];
  const emails = [
    randomEmail("fuzz"),
    ...Object.values(w.people).map((p) => p.email),
    w.people.member.email.toUpperCase(),
  ];
  const roles = [
    "member",
    "admin",
    "guest",
    ...roleIds.map((id) => `custom:${id}`),
    `custom:${randomUUID()}`,
  ];
  const password = ["not the password"];
  return {
    account: [w.account.shortName, w.otherAccount.shortName, "no-such-team"],
    project: projectKeys,
    projectKey: projectKeys,
    projectKeys: [projectKeys[0], [projectKeys[0]], projectKeys.slice(0, 2), projectKeys, false],
    membershipId: [...membershipIds, randomUUID()],
    invitationId: [...invitations.map((i) => i.invitationId), randomUUID()],
    roleId: [...roleIds, randomUUID()],
    // Neither the owner nor the operator: disabling them would end the fuzz's own callers.
    userId: Object.entries(w.people)
      .filter(([actor]) => actor !== "owner" && actor !== "operator")
      .map(([, p]) => p.id),
    accountId: [...accountIds, randomUUID()],
    sessionId: [await w.extraSessionOf("owner"), await w.extraSessionOf("member"), randomUUID()],
    token: [
      ...invitations.map((i) => i.token),
      await w.emailChangeToken(),
      await w.verificationTokenFor("owner"),
      randomBytes(32).toString("base64url"),
    ],
    code: [await w.joinCode(), "123456", "aaaaa-bbbbb"],
    email: emails,
    newEmail: emails,
    emails: [randomEmail("fuzz"), `${randomEmail("a")}, ${randomEmail("b")}`, w.people.member.email],
    name: ["Fuzz Person", `fuzz-${randomBytes(3).toString("hex")}`],
    displayName: ["Fuzz", ""],
    username: ["fuzzer", ""],
    company: ["Acme", ""],
    description: ["", "Fuzzed"],
    reason: ["Fuzzing the actions"],
    welcomeSubject: ["Welcome", ""],
    confirmName: [w.project.name, ungranted.name, repository],
    repository: [repository, "no-such-repo"],
    cloneUrl: ["https://github.com/acme/fuzz.git", "git@github.com:acme/fuzz.git"],
    defaultBranch: ["main"],
    key: [`FZ${randomBytes(2).toString("hex").toUpperCase()}`, w.project.key],
    shortName: [randomShortName("fuzz"), w.account.shortName],
    domains: ["acme.test", ""],
    password,
    currentPassword: password,
    newPassword: ["a new password 123"],
    role: roles,
    moveMembersTo: roles,
    redirectTo: ["/accounts", "https://evil.test/"],
    callbackUrl: ["/accounts", "//evil.test/"],
  };
}

/** The membership of the world's owner in the world's account. */
export async function ownerMembershipId(w: World): Promise<string> {
  const [owner] = await w.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.accountId, w.account.id), eq(memberships.role, "owner")));
  return owner!.id;
}

/**
 * Values of their own for actions that, when they succeed, delete or use up what they act on
 * (the shared targets stay for the actions fuzzed after them), and for those whose shared
 * values another action's fuzz may have used up (a short name taken, a join link renewed).
 * Only depth depends on this list; an action missing from it is fuzzed all the same.
 */
export const OWN_TARGETS: Record<string, (w: World) => Promise<FieldValues>> = {
  // The owner's own membership too: the last owner cannot be removed, whoever asks.
  "(app)/a/[account]/projects/[key]#deleteProjectAction": async (w) => {
    const project = await w.projectWithGrants();
    return { project: [project.key], confirmName: [project.name] };
  },
  "(app)/a/[account]/repositories/[name]#deleteRepositoryAction": async (w) => {
    const repository = await w.repository();
    return { repository: [repository], confirmName: [repository] };
  },
  "(app)/a/[account]/members/[member]#removeMemberAction": async (w) => ({
    membershipId: [(await w.addMember("guest")).membershipId, await ownerMembershipId(w)],
  }),
  "(app)/a/[account]/members/[member]#deletePersonAction": async (w) => ({
    membershipId: [(await w.addCreatedHere()).membershipId, await ownerMembershipId(w)],
  }),
  "(app)/a/[account]/members/[member]#rejectMemberAction": async (w) => ({
    membershipId: [await w.addAwaitingMember(), await ownerMembershipId(w)],
  }),
  "(app)/a/[account]/roles#deleteCustomRoleAction": async (w) => ({ roleId: [await w.createRole()] }),
  "(app)/a/[account]/members#revokeInvitationAction": async (w) => ({
    invitationId: [(await w.invite()).invitationId],
  }),
  "invite/[token]#declineInvitationAction": async (w) => ({ token: [(await w.invite()).token] }),
  ...Object.fromEntries(
    ["(app)/accounts#acceptMyInvitationAction", "(app)/accounts#declineMyInvitationAction"].map((key) => [
      key,
      async (w: World) => ({ invitationId: [(await w.inviteElsewhere(w.people.owner.email)).invitationId] }),
    ]),
  ),
  "invite/[token]#acceptInvitationAction": async (w) => ({
    token: [(await w.inviteElsewhere(w.people.owner.email)).token],
  }),
  "(auth)/sign-up#signUpAction": async (w) => ({
    shortName: [randomShortName("fuzz"), w.account.shortName],
    email: [randomEmail("fuzz"), w.people.member.email],
  }),
  "(app)/accounts/new#createAccountAction": async (w) => ({
    shortName: [randomShortName("fuzz"), w.account.shortName],
  }),
  "(app)/a/[account]/projects#createProjectAction": async (w) => ({
    key: [`FZ${randomBytes(3).toString("hex").toUpperCase()}`, w.project.key],
  }),
  "join/[code]#requestToJoinAction": async (w) => ({ code: [await w.joinCode(), "no-such-code"] }),
};
