import { users } from "@/db/schema";
import { PASSWORD, randomEmail, randomShortName, signUp } from "@/tests/fixtures";
import { ACTORS, type Actor, type World } from "./world";

// The rows of the authorization matrix (matrix.test.ts): who may call each server action, and
// a valid input for one call. Kept apart so other suites that call every action with a real
// input (the revocation suite) use the same inputs and the same refusals.
export type Row = {
  /** Who may call it; everyone else must be refused. */
  allowed: readonly Actor[];
  /** Valid input for one call by `actor` (called once per actor, so each call gets fresh targets). */
  input: (world: World, actor: Actor) => unknown;
  /** The action changes who the actors are (leaving, a new owner): each call it allows gets a world of its own. */
  ownWorld?: true;
  /** Set when the action only works inside a real request (Auth.js cookies): the e2e suite covers it. */
  endToEndOnly?: string;
  /**
   * Set when only success needs a real request (it ends by setting the session cookie): the
   * refusals are checked here, before any cookie is touched; the e2e suite covers success.
   */
  refusalsOnly?: string;
  /** Set when every refusal, whoever the caller, reads "not found" (the platform console's actions). */
  refusal?: "not_found";
};

export const SIGNED_IN: readonly Actor[] = ACTORS.filter((a) => a !== "signedOut");
export const MANAGERS: readonly Actor[] = ["admin", "owner"];

/** An invitation addressed to the actor themself (or to a stranger, for the signed out). */
const invitationForActor = (w: World, actor: Actor) =>
  w.inviteElsewhere(actor === "signedOut" ? randomEmail("stranger") : w.people[actor].email);

export const MATRIX: Record<string, Row> = {
  // Identity: anyone may try; Auth.js needs a real request, so the e2e suite covers them.
  "(auth)/sign-in#signInAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "sets the session cookie",
  },
  "(auth)/sign-up#signUpAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "sets the session cookie",
  },
  "(app)#signOutAction": { allowed: ACTORS, input: () => ({}), endToEndOnly: "clears the session cookie" },
  "(app)#resendVerificationEmailAction": { allowed: SIGNED_IN, input: () => ({}) },
  // Only the link's own user confirms: signed in as them (or with their password, e2e).
  "verify-email/[token]#verifyEmailAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ token: await w.verificationTokenFor(actor) }),
  },
  "(auth)/forgot-password#requestPasswordResetAction": {
    allowed: ACTORS,
    input: (w, actor) => ({ email: actor === "signedOut" ? randomEmail("nobody") : w.people[actor].email }),
  },
  "(auth)/reset-password/[token]#resetPasswordAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "signs the user in afresh",
  },
  "(app)#stopImpersonationAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "puts the administrator's own session back in the cookie",
  },
  "(app)/a/[account]/members/[member]#startImpersonationAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
      reason: "The authorization matrix",
    }),
    refusalsOnly: "puts the acting session in the cookie",
  },
  "(auth)/set-password/[token]#setFirstPasswordAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "signs the user in afresh",
  },

  // My profile: any signed-in user, for themself only (the user comes from the session).
  "(app)/profile#updateProfileAction": {
    allowed: SIGNED_IN,
    input: () => ({ name: "Renamed Person", displayName: "", username: "", company: "" }),
  },
  "(app)/profile#changePasswordAction": {
    allowed: SIGNED_IN,
    // The same password again: every actor keeps the one the world gave them.
    input: () => ({ currentPassword: PASSWORD, newPassword: PASSWORD }),
  },
  "(app)/profile#signOutSessionAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ sessionId: await w.extraSessionOf(actor) }),
  },
  "(app)/profile#signOutOtherSessionsAction": { allowed: SIGNED_IN, input: () => ({}), ownWorld: true },
  "(app)/profile#requestEmailChangeAction": {
    allowed: SIGNED_IN,
    input: () => ({ newEmail: randomEmail("moving"), password: PASSWORD }),
  },
  // Two-factor: any signed-in user, for themself; the code step of signing in needs Auth.js.
  "(auth)/sign-in/two-factor#signInWithCodeAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "sets the session cookie",
  },
  "(app)/profile/two-factor#startEnrolmentAction": { allowed: SIGNED_IN, input: () => ({}) },
  "(app)/profile/two-factor#cancelEnrolmentAction": { allowed: SIGNED_IN, input: () => ({}) },
  "(app)/profile/two-factor#confirmEnrolmentAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ password: PASSWORD, code: await w.enrolmentCodeFor(actor) }),
  },
  "(app)/profile/two-factor#acknowledgeRecoveryCodesAction": { allowed: SIGNED_IN, input: () => ({}) },
  "(app)/profile/two-factor#renewRecoveryCodesAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ code: await w.recoveryCodeFor(actor) }),
  },
  "(app)/profile/two-factor#disableTwoFactorAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ password: PASSWORD, code: await w.recoveryCodeFor(actor) }),
  },

  // Anyone holding the link: it proves the new address.
  "confirm-email/[token]#confirmEmailChangeAction": {
    allowed: ACTORS,
    input: async (w) => ({ token: await w.emailChangeToken() }),
  },

  // Accounts.
  "(app)/accounts/new#createAccountAction": {
    allowed: SIGNED_IN,
    input: () => ({ shortName: randomShortName("new") }),
  },
  "(app)/a/[account]/settings#updateAccountSettingsAction": {
    allowed: MANAGERS,
    input: (w) => ({ account: w.account.shortName, displayName: `Renamed ${randomShortName()}` }),
  },
  // "false": nothing changes, so the shared world stays without the gate.
  "(app)/a/[account]/settings#setApprovalRequirementAction": {
    allowed: MANAGERS,
    input: (w) => ({ account: w.account.shortName, required: "false" }),
  },
  "(app)/a/[account]/settings#setDefaultRoleAction": {
    allowed: MANAGERS,
    input: (w) => ({ account: w.account.shortName, role: "member" }),
  },
  // "on" while it is on, and no domains nor approval: nothing changes for the shared world.
  "(app)/a/[account]/settings#changeJoinLinkAction": {
    allowed: MANAGERS,
    input: (w) => ({ account: w.account.shortName, change: "on" }),
  },
  "(app)/a/[account]/settings#updateJoinLinkSettingsAction": {
    allowed: MANAGERS,
    input: (w) => ({ account: w.account.shortName, domains: "" }),
  },
  // `billing.manage`: the owner's alone. The world is on Business already: nothing changes.
  "(app)/a/[account]/settings#changePlanAction": {
    allowed: ["owner"],
    input: (w) => ({ account: w.account.shortName, plan: "business" }),
  },
  // The owner's alone (administrators may see it, not change it). "false": nothing changes.
  "(app)/a/[account]/settings#setTwoFactorRequirementAction": {
    allowed: ["owner"],
    input: (w) => ({ account: w.account.shortName, required: "false" }),
  },

  // Projects. In the world's project the guest is Viewer, the member Editor, the custom
  // role's holder Manager; the admin and owner manage every project. Creating one takes
  // `projects.create` (Member, Administrator, Owner).
  "(app)/a/[account]/projects#createProjectAction": {
    allowed: ["member", ...MANAGERS],
    input: (w) => ({
      account: w.account.shortName,
      name: "New project",
      key: `N${randomShortName()
        .replace(/[^a-z0-9]/g, "")
        .slice(-8)}`,
      description: "",
    }),
  },
  "(app)/a/[account]/projects/[key]#updateProjectAction": {
    allowed: ["member", "custom", ...MANAGERS],
    input: (w) => ({
      account: w.account.shortName,
      project: w.project.key,
      name: w.project.name,
      description: `Described ${randomShortName()}`,
    }),
  },
  // A fresh project each time, archived for real (the world's own project stays active).
  "(app)/a/[account]/projects/[key]#setProjectArchivedAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      project: (await w.projectWithGrants()).key,
      archived: "true",
    }),
  },
  "(app)/a/[account]/projects/[key]#deleteProjectAction": {
    allowed: MANAGERS,
    input: async (w) => {
      const project = await w.projectWithGrants();
      return { account: w.account.shortName, project: project.key, confirmName: project.name };
    },
  },
  "(app)/a/[account]/projects/[key]#addProjectMemberAction": {
    allowed: ["custom", ...MANAGERS],
    input: async (w) => ({
      account: w.account.shortName,
      project: w.project.key,
      email: (await w.addMember("member")).email,
      role: "viewer",
    }),
  },
  "(app)/a/[account]/projects/[key]#changeProjectMemberRoleAction": {
    allowed: ["custom", ...MANAGERS],
    input: async (w) => ({
      account: w.account.shortName,
      project: w.project.key,
      membershipId: await w.projectGrantee(),
      role: "editor",
    }),
  },
  // Several projects at once, from the member's page: projects whose access the caller manages.
  "(app)/a/[account]/members/[member]#grantProjectsAction": {
    allowed: ["custom", ...MANAGERS],
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
      projectKeys: [w.project.key],
      role: "viewer",
    }),
  },
  "(app)/a/[account]/projects/[key]#removeProjectMemberAction": {
    allowed: ["custom", ...MANAGERS],
    input: async (w) => ({
      account: w.account.shortName,
      project: w.project.key,
      membershipId: await w.projectGrantee(),
    }),
  },

  // Repositories: `repositories.manage` (Administrator, Owner). The world's repositories are
  // linked to its project, so the others see them and are refused for want of the permission.
  "(app)/a/[account]/repositories#createRepositoryAction": {
    allowed: MANAGERS,
    input: (w) => ({
      account: w.account.shortName,
      name: `repo-${randomShortName()}`,
      cloneUrl: "https://github.com/acme/web.git",
      defaultBranch: "main",
      description: "",
    }),
  },
  "(app)/a/[account]/repositories/[name]#updateRepositoryAction": {
    allowed: MANAGERS,
    input: async (w) => {
      const name = await w.repository();
      return {
        account: w.account.shortName,
        repository: name,
        name,
        cloneUrl: "https://github.com/acme/moved.git",
        defaultBranch: "trunk",
        description: "Moved",
      };
    },
  },
  "(app)/a/[account]/repositories/[name]#deleteRepositoryAction": {
    allowed: MANAGERS,
    input: async (w) => {
      const name = await w.repository();
      return { account: w.account.shortName, repository: name, confirmName: name };
    },
  },
  "(app)/a/[account]/repositories/[name]#linkRepositoryAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      repository: await w.repository(),
      projectKey: (await w.projectWithGrants()).key,
    }),
  },
  "(app)/a/[account]/repositories/[name]#unlinkRepositoryAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      repository: await w.repository(),
      projectKey: w.project.key,
    }),
  },

  // Invitations, from the account's side. The custom role holds "invite people" but only the
  // permissions of a guest, so it may invite (and resend, revoke) guests only.
  "(app)/a/[account]/members#inviteMembersAction": {
    allowed: ["custom", ...MANAGERS],
    // With access to the world's project, which the custom role's holder manages.
    input: (w) => ({
      account: w.account.shortName,
      emails: randomEmail("matrix"),
      role: "guest",
      projectKeys: [w.project.key],
    }),
  },
  "(app)/a/[account]/members/new#addPersonAction": {
    allowed: MANAGERS,
    input: (w) => ({
      account: w.account.shortName,
      name: "Matrix Newcomer",
      email: randomEmail("added"),
      username: "",
      displayName: "",
      company: "",
      role: "guest",
      projectKeys: [w.project.key],
      welcomeSubject: "",
    }),
  },
  "(app)/a/[account]/members#resendInvitationAction": {
    allowed: ["custom", ...MANAGERS],
    input: async (w) => ({ account: w.account.shortName, invitationId: (await w.invite()).invitationId }),
  },
  "(app)/a/[account]/members#copyInvitationLinkAction": {
    allowed: ["custom", ...MANAGERS],
    input: async (w) => ({ account: w.account.shortName, invitationId: (await w.invite()).invitationId }),
  },
  "(app)/a/[account]/members#revokeInvitationAction": {
    allowed: ["custom", ...MANAGERS],
    input: async (w) => ({ account: w.account.shortName, invitationId: (await w.invite()).invitationId }),
  },

  // Invitations, from the invitee's side: the link's token, or the signed-in user's own invitations.
  "invite/[token]#acceptInvitationAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ token: (await invitationForActor(w, actor)).token }),
  },
  // Anyone holding the account's join link may ask; the answer is the same for everyone.
  "join/[code]#requestToJoinAction": {
    allowed: ACTORS,
    input: async (w, actor) => ({
      code: await w.joinCode(),
      email: actor === "signedOut" ? randomEmail("joining") : w.people[actor].email,
    }),
  },
  "invite/[token]#declineInvitationAction": {
    allowed: ACTORS,
    input: async (w) => ({ token: (await w.invite()).token }),
  },
  "invite/[token]#acceptAsNewUserAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "signs the new user in",
  },
  "invite/[token]#signInAndAcceptAction": {
    allowed: ACTORS,
    input: () => ({}),
    endToEndOnly: "signs the user in",
  },
  "(app)/accounts#acceptMyInvitationAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ invitationId: (await invitationForActor(w, actor)).invitationId }),
  },
  "(app)/accounts#declineMyInvitationAction": {
    allowed: SIGNED_IN,
    input: async (w, actor) => ({ invitationId: (await invitationForActor(w, actor)).invitationId }),
  },

  // Members.
  "(app)/a/[account]/members/[member]#changeMemberRoleAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
      role: "guest",
    }),
  },
  "(app)/a/[account]/members/[member]#updateMemberPermissionsAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
      settings: { "members.invite": "grant" },
    }),
  },
  "(app)/a/[account]/members/[member]#removeMemberAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("guest")).membershipId,
    }),
  },
  "(app)/a/[account]/members/[member]#disableMemberAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
    }),
  },
  "(app)/a/[account]/members/[member]#enableMemberAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
    }),
  },
  "(app)/a/[account]/members/[member]#sendPasswordResetLinkAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
    }),
  },
  "(app)/a/[account]/members/[member]#forcePasswordResetAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
    }),
  },
  // Only for a person this account created and alone holds (a fresh one per call).
  "(app)/a/[account]/members/[member]#updatePersonDetailsAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addCreatedHere()).membershipId,
      username: "",
      displayName: "Renamed",
      company: "Acme",
    }),
  },
  "(app)/a/[account]/members/[member]#deletePersonAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addCreatedHere()).membershipId,
    }),
  },
  // Approval of newcomers: `members.approve` (Administrator, Owner).
  "(app)/a/[account]/members/[member]#approveMemberAction": {
    allowed: MANAGERS,
    input: async (w) => ({ account: w.account.shortName, membershipId: await w.addAwaitingMember() }),
  },
  "(app)/a/[account]/members/[member]#rejectMemberAction": {
    allowed: MANAGERS,
    input: async (w) => ({ account: w.account.shortName, membershipId: await w.addAwaitingMember() }),
  },
  // Anyone but the owner may leave.
  "(app)/a/[account]/members/[member]#leaveAccountAction": {
    allowed: ["guest", "member", "custom", "admin"],
    input: (w) => ({ account: w.account.shortName }),
    ownWorld: true,
  },
  "(app)/a/[account]/members/[member]#transferOwnershipAction": {
    allowed: ["owner"],
    input: async (w) => ({
      account: w.account.shortName,
      membershipId: (await w.addMember("member")).membershipId,
      password: PASSWORD,
    }),
    ownWorld: true,
  },

  // Custom roles.
  "(app)/a/[account]/roles#createCustomRoleAction": {
    allowed: MANAGERS,
    input: (w) => ({
      account: w.account.shortName,
      name: `Role ${randomShortName()}`,
      description: "",
      permissions: ["members.read"],
    }),
  },
  "(app)/a/[account]/roles#updateCustomRoleAction": {
    allowed: MANAGERS,
    input: async (w) => ({
      account: w.account.shortName,
      roleId: await w.createRole(),
      name: `Renamed ${randomShortName()}`,
      description: "",
      permissions: [],
    }),
  },
  "(app)/a/[account]/roles#deleteCustomRoleAction": {
    allowed: MANAGERS,
    input: async (w) => ({ account: w.account.shortName, roleId: await w.createRole() }),
  },

  // The platform console: operators only; to everyone else, signed out included, it does not
  // exist. Each call gets a fresh target, so the shared world is never touched.
  "admin#setUserDisabledAction": {
    allowed: ["operator"],
    refusal: "not_found",
    input: async (w) => ({ userId: (await w.addMember("member")).id, disabled: "true" }),
  },
  "admin#setOperatorAction": {
    allowed: ["operator"],
    refusal: "not_found",
    input: async (w) => ({ userId: (await w.addMember("member")).id, operator: "true" }),
  },
  // A user who owns no account (an account owner cannot be deleted).
  "admin#deleteUserAction": {
    allowed: ["operator"],
    refusal: "not_found",
    input: async (w) => {
      const [user] = await w.db
        .insert(users)
        .values({ name: "No Account", email: randomEmail("no-account") })
        .returning({ id: users.id });
      return { userId: user!.id };
    },
  },
  // A fresh account of its own (the world's accounts keep their plans).
  "admin#changeAccountPlanAction": {
    allowed: ["operator"],
    refusal: "not_found",
    input: async (w) => ({ accountId: (await signUp(w.db)).account.id, plan: "team" }),
  },
};

/** How a refusal must look to each kind of caller. */
export function expectedRefusal(actor: Actor, row: Row) {
  if (row.refusal) return row.refusal;
  if (actor === "signedOut") return "unauthenticated";
  if (actor === "otherAccountMember" || actor === "otherAccountOwner" || actor === "operator")
    return "not_found";
  return "forbidden";
}
