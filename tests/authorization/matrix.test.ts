import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { isRedirect, type Action, type Caller } from "@/lib/actions/action";
import { findActiveSession } from "@/lib/auth/sessions";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { startImpersonation } from "@/lib/members/impersonation";
import { memberContextOf, PASSWORD, randomEmail } from "@/tests/fixtures";
import { discoverActions } from "@/tests/discover-actions";
import { samplingOnPglite, testDatabase } from "@/tests/test-db";
import { ACTORS, buildWorld, type Actor, type World } from "./world";
import { expectedRefusal, MATRIX, type Row } from "./matrix-rows";

/**
 * The authorization matrix: every server action × every kind of caller, called directly
 * (below the UI) with valid input, targets in the caller's account or another. An action
 * missing from this table fails the suite, so a new action cannot ship without saying who
 * may call it. Refusals are checked by kind: the signed out are asked to sign in, outsiders
 * are told the account does not exist, members without the right are forbidden.
 */

const t = testDatabase();
let sharedWorld: World;
let actions: Map<string, Action<unknown, unknown>>;

beforeAll(async () => {
  sharedWorld = await buildWorld(t.db);
  actions = await discoverActions();
});

/**
 * The callers a row is tried as: every one; on PGlite while PostgreSQL tries every one
 * (tests/test-db.ts), the first allowed and the first refused, so each action's queries run
 * there both ways.
 */
function actorsFor(row: Row): readonly Actor[] {
  if (!samplingOnPglite) return ACTORS;
  const first = (allowed: boolean) => ACTORS.find((actor) => row.allowed.includes(actor) === allowed);
  return [first(true), first(false)].filter((actor) => actor !== undefined);
}

describe("authorization matrix", () => {
  it("lists every server action, and only existing ones", () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(MATRIX).sort());
    for (const [key, action] of actions) {
      expect(typeof action.runAs, `${key} must be built with lib/actions/action.ts`).toBe("function");
    }
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    describe.skipIf(Boolean(row.endToEndOnly))(key, () => {
      for (const actor of actorsFor(row)) {
        const allowed = row.allowed.includes(actor);
        it.skipIf(allowed && Boolean(row.refusalsOnly))(
          `${allowed ? "allows" : "refuses"} ${actor}`,
          async () => {
            const action = actions.get(key);
            if (!action) throw new Error(`${key} is in the matrix but not exported by any actions.ts`);
            // A refusal changes nothing (the fuzz and revocation suites check it), so only a call
            // that goes through needs a world of its own.
            const world = row.ownWorld && allowed ? await buildWorld(t.db) : sharedWorld;
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
      "(app)/a/[account]/members#copyInvitationLinkAction",
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
