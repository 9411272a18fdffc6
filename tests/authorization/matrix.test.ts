import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import { isRedirect, type Action, type Caller } from "@/lib/actions/action";
import { findActiveSession } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { startImpersonation } from "@/lib/members/impersonation";
import { memberContextOf, PASSWORD, randomEmail, randomShortName, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { ACTORS, buildWorld, type Actor, type World } from "./world";

/**
 * The authorization matrix: every server action × every kind of caller, called directly
 * (below the UI) with valid input, targets in the caller's account or another. An action
 * missing from this table fails the suite, so a new action cannot ship without saying who
 * may call it. Refusals are checked by kind: the signed out are asked to sign in, outsiders
 * are told the account does not exist, members without the right are forbidden.
 */
type Row = {
  /** Who may call it; everyone else must be refused. */
  allowed: readonly Actor[];
  /** Valid input for one call by `actor` (called once per actor, so each call gets fresh targets). */
  input: (world: World, actor: Actor) => unknown;
  /** The action changes who the actors are (leaving, a new owner): each call gets a world of its own. */
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

const SIGNED_IN: readonly Actor[] = ACTORS.filter((a) => a !== "signedOut");
const MANAGERS: readonly Actor[] = ["admin", "owner"];

/** An invitation addressed to the actor themself (or to a stranger, for the signed out). */
const invitationForActor = (w: World, actor: Actor) =>
  w.inviteElsewhere(actor === "signedOut" ? randomEmail("stranger") : w.people[actor].email);

const MATRIX: Record<string, Row> = {
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

/** Every exported server action under app/, keyed `<route folder>#<export>`. */
async function discoverActions(): Promise<Map<string, Action<unknown, unknown>>> {
  const appDir = path.resolve("app");
  const found = new Map<string, Action<unknown, unknown>>();
  const files = (fs.readdirSync(appDir, { recursive: true }) as string[]).filter(
    (f) => path.basename(f) === "actions.ts",
  );
  for (const file of files) {
    const mod = (await import(/* @vite-ignore */ path.join(appDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") {
        const folder = path.dirname(file).split(path.sep).join("/");
        found.set(`${folder}#${name}`, value as Action<unknown, unknown>);
      }
    }
  }
  return found;
}

/** How a refusal must look to each kind of caller. */
function expectedRefusal(actor: Actor, row: Row) {
  if (row.refusal) return row.refusal;
  if (actor === "signedOut") return "unauthenticated";
  if (actor === "otherAccountMember" || actor === "otherAccountOwner" || actor === "operator")
    return "not_found";
  return "forbidden";
}

const t = testDatabase();
let sharedWorld: World;
let actions: Map<string, Action<unknown, unknown>>;

beforeAll(async () => {
  sharedWorld = await buildWorld(t.db);
  actions = await discoverActions();
});

describe("authorization matrix", () => {
  it("lists every server action, and only existing ones", () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(MATRIX).sort());
    for (const [key, action] of actions) {
      expect(typeof action.runAs, `${key} must be built with lib/actions/action.ts`).toBe("function");
    }
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    describe.skipIf(Boolean(row.endToEndOnly))(key, () => {
      for (const actor of ACTORS) {
        const allowed = row.allowed.includes(actor);
        it.skipIf(allowed && Boolean(row.refusalsOnly))(
          `${allowed ? "allows" : "refuses"} ${actor}`,
          async () => {
            const action = actions.get(key);
            if (!action) throw new Error(`${key} is in the matrix but not exported by any actions.ts`);
            const world = row.ownWorld ? await buildWorld(t.db) : sharedWorld;
            const outcome = await action
              .runAs(world.callers[actor], await row.input(world, actor))
              .catch((error: unknown) => {
                if (isRedirect(error)) return { ok: true as const }; // redirect() after success
                throw error;
              });
            if (allowed) {
              expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
            } else {
              expect(outcome, JSON.stringify(outcome)).toMatchObject({
                ok: false,
                code: expectedRefusal(actor, row),
              });
            }
          },
        );
      }
    });
  }
});

describe("targets in another account", () => {
  // The account in the input is the caller's own, where they may do everything; the thing
  // acted on belongs to another account. It must not be found.
  const cases: [string, (world: World, other: World) => Promise<Record<string, unknown>>][] = [
    [
      "(app)/a/[account]/members/[member]#changeMemberRoleAction",
      async (_w, o) => ({ membershipId: (await o.addMember("member")).membershipId, role: "guest" }),
    ],
    [
      "(app)/a/[account]/members/[member]#updateMemberPermissionsAction",
      async (_w, o) => ({
        membershipId: (await o.addMember("member")).membershipId,
        settings: { "members.invite": "grant" },
      }),
    ],
    [
      "(app)/a/[account]/members/[member]#removeMemberAction",
      async (_w, o) => ({ membershipId: (await o.addMember("member")).membershipId }),
    ],
    [
      "(app)/a/[account]/members/[member]#disableMemberAction",
      async (_w, o) => ({ membershipId: (await o.addMember("member")).membershipId }),
    ],
    [
      "(app)/a/[account]/members/[member]#enableMemberAction",
      async (_w, o) => ({ membershipId: (await o.addMember("member")).membershipId }),
    ],
    [
      "(app)/a/[account]/members/[member]#sendPasswordResetLinkAction",
      async (_w, o) => ({ membershipId: (await o.addMember("member")).membershipId }),
    ],
    [
      "(app)/a/[account]/members/[member]#forcePasswordResetAction",
      async (_w, o) => ({ membershipId: (await o.addMember("member")).membershipId }),
    ],
    [
      "(app)/a/[account]/members/[member]#updatePersonDetailsAction",
      async (_w, o) => ({
        membershipId: (await o.addCreatedHere()).membershipId,
        username: "",
        displayName: "Taken over",
        company: "",
      }),
    ],
    [
      "(app)/a/[account]/members/[member]#deletePersonAction",
      async (_w, o) => ({ membershipId: (await o.addCreatedHere()).membershipId }),
    ],
    [
      "(app)/a/[account]/members/[member]#approveMemberAction",
      async (_w, o) => ({ membershipId: await o.addAwaitingMember() }),
    ],
    [
      "(app)/a/[account]/members/[member]#rejectMemberAction",
      async (_w, o) => ({ membershipId: await o.addAwaitingMember() }),
    ],
    [
      "(app)/a/[account]/members/[member]#transferOwnershipAction",
      async (_w, o) => ({ membershipId: (await o.addMember("member")).membershipId, password: PASSWORD }),
    ],
    [
      "(app)/a/[account]/members#resendInvitationAction",
      async (_w, o) => ({ invitationId: (await o.invite()).invitationId }),
    ],
    [
      "(app)/a/[account]/members#revokeInvitationAction",
      async (_w, o) => ({ invitationId: (await o.invite()).invitationId }),
    ],
    [
      "(app)/a/[account]/roles#updateCustomRoleAction",
      async (_w, o) => ({
        roleId: await o.createRole(),
        name: "Taken over",
        description: "",
        permissions: [],
      }),
    ],
    ["(app)/a/[account]/roles#deleteCustomRoleAction", async (_w, o) => ({ roleId: await o.createRole() })],
    [
      "(app)/a/[account]/repositories/[name]#updateRepositoryAction",
      async (_w, o) => {
        const name = await o.repository();
        return {
          repository: name,
          name,
          cloneUrl: "https://x.test/a.git",
          defaultBranch: "main",
          description: "",
        };
      },
    ],
    [
      "(app)/a/[account]/repositories/[name]#deleteRepositoryAction",
      async (_w, o) => {
        const name = await o.repository();
        return { repository: name, confirmName: name };
      },
    ],
    [
      "(app)/a/[account]/repositories/[name]#linkRepositoryAction",
      async (w, o) => ({ repository: await w.repository(), projectKey: o.project.key }),
    ],
    // Another account's repository, from one's own project (linking covers the other project).
    [
      "(app)/a/[account]/repositories/[name]#unlinkRepositoryAction",
      async (w, o) => ({ repository: await o.repository(), projectKey: w.project.key }),
    ],
    [
      "(app)/a/[account]/projects/[key]#updateProjectAction",
      async (_w, o) => ({ project: o.project.key, name: o.project.name, description: "Taken over" }),
    ],
    [
      "(app)/a/[account]/projects/[key]#setProjectArchivedAction",
      async (_w, o) => ({ project: (await o.projectWithGrants()).key, archived: "true" }),
    ],
    [
      "(app)/a/[account]/projects/[key]#deleteProjectAction",
      async (_w, o) => {
        const project = await o.projectWithGrants();
        return { project: project.key, confirmName: project.name };
      },
    ],
    [
      "(app)/a/[account]/projects/[key]#addProjectMemberAction",
      async (w, o) => ({
        project: o.project.key,
        email: (await w.addMember("member")).email,
        role: "viewer",
      }),
    ],
    [
      "(app)/a/[account]/projects/[key]#changeProjectMemberRoleAction",
      async (_w, o) => ({ project: o.project.key, membershipId: await o.projectGrantee(), role: "editor" }),
    ],
    [
      "(app)/a/[account]/projects/[key]#removeProjectMemberAction",
      async (_w, o) => ({ project: o.project.key, membershipId: await o.projectGrantee() }),
    ],
    [
      "(app)/a/[account]/members#inviteMembersAction",
      async (_w, o) => ({ emails: randomEmail("carrying"), role: "guest", projectKeys: [o.project.key] }),
    ],
    [
      "(app)/a/[account]/members/[member]#startImpersonationAction",
      async (_w, o) => ({
        membershipId: (await o.addMember("member")).membershipId,
        reason: "Across accounts",
      }),
    ],
    [
      "(app)/a/[account]/members/new#addPersonAction",
      async (_w, o) => ({
        name: "Carried Across",
        email: randomEmail("carrying"),
        username: "",
        displayName: "",
        company: "",
        role: "guest",
        projectKeys: [o.project.key],
        welcomeSubject: "",
      }),
    ],
    [
      "(app)/a/[account]/members/[member]#grantProjectsAction",
      async (w, o) => ({
        membershipId: (await w.addMember("member")).membershipId,
        projectKeys: [o.project.key],
        role: "viewer",
      }),
    ],
  ];
  let other: World;
  beforeAll(async () => {
    other = await buildWorld(t.db);
  });

  for (const [key, input] of cases) {
    it(`${key}: not found for the owner of another account`, async () => {
      const action = actions.get(key)!;
      const outcome = await action.runAs(sharedWorld.callers.owner, {
        account: sharedWorld.account.shortName,
        ...(await input(sharedWorld, other)),
      });
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: false, code: "not_found" });
    });
  }

  // The project is the caller's own; the person belongs to another account only.
  it("(app)/a/[account]/projects/[key]#addProjectMemberAction: a person of another account cannot be added", async () => {
    const outcome = await actions
      .get("(app)/a/[account]/projects/[key]#addProjectMemberAction")!
      .runAs(sharedWorld.callers.owner, {
        account: sharedWorld.account.shortName,
        project: sharedWorld.project.key,
        email: (await other.addMember("member")).email,
        role: "viewer",
      });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: false, code: "invalid" });
  });

  it("(app)/a/[account]/projects/[key]#changeProjectMemberRoleAction: a person of another account has no grant here", async () => {
    const outcome = await actions
      .get("(app)/a/[account]/projects/[key]#changeProjectMemberRoleAction")!
      .runAs(sharedWorld.callers.owner, {
        account: sharedWorld.account.shortName,
        project: sharedWorld.project.key,
        membershipId: await other.projectGrantee(),
        role: "editor",
      });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: false, code: "conflict" });
  });
});

describe("projects in the same account one was not given", () => {
  // Those with a project role see only their projects: another project of the account looks
  // absent (not found), even where their role elsewhere would allow the action.
  const cases: [
    string,
    Actor,
    (w: World, project: { key: string; name: string }) => Promise<Record<string, unknown>>,
  ][] = [
    [
      "(app)/a/[account]/projects/[key]#updateProjectAction",
      "member",
      async (_w, p) => ({ project: p.key, name: p.name, description: "Not mine" }),
    ],
    [
      "(app)/a/[account]/projects/[key]#addProjectMemberAction",
      "custom",
      async (w, p) => ({ project: p.key, email: (await w.addMember("member")).email, role: "viewer" }),
    ],
    [
      "(app)/a/[account]/members#inviteMembersAction",
      "custom",
      async (_w, p) => ({ emails: randomEmail("carrying"), role: "guest", projectKeys: [p.key] }),
    ],
    [
      "(app)/a/[account]/projects/[key]#changeProjectMemberRoleAction",
      "custom",
      async (w, p) => ({ project: p.key, membershipId: await w.projectGrantee(), role: "editor" }),
    ],
    [
      "(app)/a/[account]/projects/[key]#removeProjectMemberAction",
      "custom",
      async (w, p) => ({ project: p.key, membershipId: await w.projectGrantee() }),
    ],
  ];
  for (const [key, actor, input] of cases) {
    it(`${key}: not found for the ${actor}`, async () => {
      const project = await sharedWorld.ungrantedProject();
      const outcome = await actions.get(key)!.runAs(sharedWorld.callers[actor], {
        account: sharedWorld.account.shortName,
        ...(await input(sharedWorld, project)),
      });
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: false, code: "not_found" });
    });
  }

  it("(app)/a/[account]/members/[member]#grantProjectsAction: not found when one of the projects was not given", async () => {
    const project = await sharedWorld.ungrantedProject();
    const outcome = await actions
      .get("(app)/a/[account]/members/[member]#grantProjectsAction")!
      .runAs(sharedWorld.callers.custom, {
        account: sharedWorld.account.shortName,
        membershipId: (await sharedWorld.addMember("member")).membershipId,
        projectKeys: [sharedWorld.project.key, project.key],
        role: "viewer",
      });
    expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe("an administrator acting as a member (log in as)", () => {
  // The administrator of the world acts as its Member. Inside the account they may do what the
  // Member may; the Member's own user (profile, password, email, sessions, other accounts) is
  // out of reach; public actions stay public. Inputs are the Member's, as the session is theirs.
  let membershipId: string;
  let acting: Caller | null = null;
  beforeAll(async () => {
    const [membership] = await t.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.accountId, sharedWorld.account.id),
          eq(memberships.userId, sharedWorld.people.member.id),
        ),
      );
    membershipId = membership!.id;
  });

  /**
   * The acting session, started afresh if the last one ended: making some inputs changes the
   * Member's second factor, which ends their other sessions, the acting one among them.
   */
  async function actingCaller(): Promise<Caller> {
    if (acting && (await findActiveSession(t.db, acting.sessionToken!))) return acting;
    const adminSession = (await findActiveSession(t.db, sharedWorld.callers.admin.sessionToken!))!;
    const adminCtx = await memberContextOf(
      t.db,
      { id: sharedWorld.people.admin.id },
      sharedWorld.account.shortName,
    );
    const { token } = await startImpersonation(
      t.db,
      adminCtx,
      adminSession,
      { membershipId, reason: "The authorization matrix" },
      NO_REQUEST_META,
    );
    acting = { sessionToken: token, meta: NO_REQUEST_META };
    return acting;
  }

  for (const [key, row] of Object.entries(MATRIX)) {
    // Rows that change who the actors are get a world of their own, where no one acts as anyone.
    if (row.endToEndOnly || row.ownWorld) continue;
    const isPublic = row.allowed.includes("signedOut");
    // Actions on one's own user are the ones every signed-in person may call, in any account.
    const onOwnUser = row.allowed.includes("otherAccountMember");
    const allowed = isPublic || (!onOwnUser && row.allowed.includes("member"));
    it.skipIf(allowed && Boolean(row.refusalsOnly))(
      `${key}: ${allowed ? "allowed" : "refused"}`,
      async () => {
        const input = await row.input(sharedWorld, "member");
        const outcome = await actions
          .get(key)!
          .runAs(await actingCaller(), input)
          .catch((error: unknown) => {
            if (isRedirect(error)) return { ok: true as const };
            throw error;
          });
        if (allowed) expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
        else
          expect(outcome, JSON.stringify(outcome)).toMatchObject({
            ok: false,
            code: row.refusal ?? "forbidden",
          });
      },
    );
  }
});
