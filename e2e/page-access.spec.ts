import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { eq } from "drizzle-orm";
import { connectPostgres, type Database } from "@/db/client";
import { accounts, memberships, projectMembers, users } from "@/db/schema";
import { loadMemberContext } from "@/lib/accounts/member-context";
import { hashPassword } from "@/lib/auth/password";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createUserWithAccount } from "@/tests/fixtures";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { insertProject } from "@/lib/projects/projects";
import { createRepository, linkRepository } from "@/lib/repositories/repositories";
import { newPerson, newShortName, PASSWORD } from "./support/data";
import { signIn } from "./support/pages";

// The page half of the authorization matrix (tests/authorization/matrix.test.ts covers the
// server actions): every page of an account, opened by every kind of visitor, with what each
// may see. The visitors are seeded straight into this run's database, then sign in for real.

const databaseUrl = process.env.E2E_DATABASE_URL;
test.skip(!databaseUrl, "needs the run's PostgreSQL database to seed visitors");
// One set of visitors for the whole file: its tests run one after another in one worker.
test.describe.configure({ mode: "default" });

type Visitor =
  | "signedOut"
  | "outsider"
  | "disabled"
  | "awaiting"
  | "noRights"
  | "guest"
  | "member"
  | "coordinator"
  | "admin"
  | "owner";
const VISITORS: Visitor[] = [
  "signedOut",
  "outsider",
  "disabled",
  "awaiting",
  "noRights",
  "guest",
  "member",
  "coordinator",
  "admin",
  "owner",
];
/** Those who see the member list (a guest does not). */
const READERS: Visitor[] = ["member", "coordinator", "admin", "owner"];
/** Those given the seeded project (guest Viewer, member Editor, coordinator Manager) or managing every project. */
const IN_PROJECT: Visitor[] = ["guest", ...READERS];
const MANAGERS: Visitor[] = ["admin", "owner"];

let database: Database;
let shortName: string;
let someMemberId: string;
/** A project the guest views, the member edits and the coordinator manages. */
const PROJECT = { name: "Launch plan", key: "LAUNCH" };
/** A repository linked to PROJECT, and one linked to no project. */
const LINKED_REPOSITORY = "launch-site";
const UNLINKED_REPOSITORY = "vault";
const ownMembershipOf: Record<string, string> = {};
const pages = new Map<Visitor, Page>();

async function seed() {
  database = await connectPostgres(databaseUrl!, { max: 2 });
  const { db } = database;
  const owner = newPerson("Owner");
  shortName = newShortName("pages");
  const { user, account } = await createUserWithAccount(db, { ...owner, shortName });
  // One of every kind of visitor: more people than the Free plan seats.
  await db.update(accounts).set({ plan: "business" }).where(eq(accounts.id, account.id));
  const ownerCtx = (await loadMemberContext(
    db,
    { ...user, name: owner.name, displayName: null, emailVerifiedAt: null, twoFactorEnabledAt: null },
    shortName,
  ))!;
  const coordinator = await createCustomRole(
    db,
    ownerCtx,
    { name: "Coordinator", description: "", permissions: ["members.read", "members.invite"] },
    NO_REQUEST_META,
  );
  const nothing = await createCustomRole(
    db,
    ownerCtx,
    { name: "Nothing", description: "", permissions: [] },
    NO_REQUEST_META,
  );
  const outsiderAccount = await createUserWithAccount(db, {
    ...newPerson("Outsider"),
    shortName: newShortName("elsewhere"),
  });
  const passwordHash = await hashPassword(PASSWORD);
  const emails: Partial<Record<Visitor, string>> = {
    owner: owner.email,
    outsider: outsiderAccount.user.email,
  };
  const add = async (
    visitor: Visitor,
    role: "admin" | "member" | "guest" | "custom",
    customRoleId: string | null = null,
  ) => {
    const person = newPerson(visitor);
    const [u] = await db
      .insert(users)
      .values({ email: person.email, name: person.name, passwordHash })
      .returning({ id: users.id });
    const [m] = await db
      .insert(memberships)
      .values({ accountId: account.id, userId: u!.id, role, customRoleId })
      .returning({ id: memberships.id });
    emails[visitor] = person.email;
    ownMembershipOf[visitor] = m!.id;
    return m!.id;
  };
  await add("admin", "admin");
  // An administrator whose access was disabled: every page of the account sends them away.
  await db
    .update(memberships)
    .set({ disabledAt: new Date() })
    .where(eq(memberships.id, await add("disabled", "admin")));
  // Joined while the account required approval, not approved yet.
  await db
    .update(memberships)
    .set({ awaitingApprovalSince: new Date() })
    .where(eq(memberships.id, await add("awaiting", "member")));
  someMemberId = await add("member", "member");
  await add("guest", "guest");
  await add("coordinator", "custom", coordinator!.id);
  await add("noRights", "custom", nothing!.id);
  ownMembershipOf.owner = (
    await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, user.id))
  )[0]!.id;

  const project = await insertProject(
    db,
    account,
    { id: user.id, email: user.email, membershipId: ownMembershipOf.owner },
    { ...PROJECT, description: "" },
    NO_REQUEST_META,
  );
  const grants = { guest: "viewer", member: "editor", coordinator: "manager" } as const;
  await db.insert(projectMembers).values(
    Object.entries(grants).map(([visitor, role]) => ({
      accountId: account.id,
      projectId: project.id,
      membershipId: ownMembershipOf[visitor]!,
      role,
    })),
  );
  for (const name of [LINKED_REPOSITORY, UNLINKED_REPOSITORY]) {
    await createRepository(
      db,
      ownerCtx,
      { name, cloneUrl: `git@github.com:acme/${name}.git`, defaultBranch: "main", description: "" },
      NO_REQUEST_META,
    );
  }
  await linkRepository(
    db,
    ownerCtx,
    { repository: LINKED_REPOSITORY, projectKey: PROJECT.key },
    NO_REQUEST_META,
  );
  return emails;
}

async function visitorPage(browser: Browser, visitor: Visitor, email?: string) {
  const page = await browser.newPage();
  if (email) {
    await signIn(page, email, PASSWORD);
    await expect(page).not.toHaveURL(/sign-in/);
  }
  pages.set(visitor, page);
}

test.beforeAll(async ({ browser }) => {
  // Ten real sign-ins, each an argon2 hash on a loaded 2-core runner: more than the default 30 s.
  test.setTimeout(120_000);
  const emails = await seed();
  for (const visitor of VISITORS) await visitorPage(browser, visitor, emails[visitor]);
});

test.afterAll(async () => {
  for (const page of pages.values()) await page.close();
  await database?.close();
});

/** What a visitor sees at a path: signed out → sign in; disabled or awaiting approval → their accounts, told why; outsiders → 404; otherwise as the row says. */
async function expectPage(
  visitor: Visitor,
  path: string,
  allowed: Visitor[],
  check?: (page: Page, visitor: Visitor) => Promise<void>,
) {
  const page = pages.get(visitor)!;
  const response = await page.goto(path);
  if (visitor === "signedOut") {
    await expect(page, `${visitor} ${path}`).toHaveURL(/\/sign-in\?callbackUrl=/);
  } else if (visitor === "disabled") {
    await expect(page, `${visitor} ${path}`).toHaveURL(`/accounts?disabled=${shortName}`);
    await expect(page.getByText(/has disabled your access to it/), `${visitor} ${path}`).toBeVisible();
  } else if (visitor === "awaiting") {
    await expect(page, `${visitor} ${path}`).toHaveURL(`/accounts?awaiting=${shortName}`);
    await expect(page.getByText(/waits for an administrator's approval/), `${visitor} ${path}`).toBeVisible();
  } else if (!allowed.includes(visitor)) {
    expect(response?.status(), `${visitor} ${path}`).toBe(404);
  } else {
    expect(response?.status(), `${visitor} ${path}`).toBe(200);
    await check?.(page, visitor);
  }
}

const MEMBERS_OF_ACCOUNT: Visitor[] = ["noRights", "guest", ...READERS];

test("the account's home and settings: members only; only managers can rename", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}`, MEMBERS_OF_ACCOUNT);
    await expectPage(visitor, `/a/${shortName}/settings`, MEMBERS_OF_ACCOUNT, async (page, v) => {
      await expect(page.getByRole("button", { name: "Save", exact: true }), v).toHaveCount(
        MANAGERS.includes(v) ? 1 : 0,
      );
    });
  }
});

test("the member list: readers see it; inviting and invitations for those who may invite", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/members`, MEMBERS_OF_ACCOUNT, async (page, v) => {
      await expect(page.getByRole("table", { name: "Members" }), v).toHaveCount(READERS.includes(v) ? 1 : 0);
      await expect(page.getByRole("link", { name: "New user" }), v).toHaveCount(MANAGERS.includes(v) ? 1 : 0);
      const inviters = ["coordinator", ...MANAGERS];
      await expect(page.getByRole("button", { name: "Invite people" }), v).toHaveCount(
        inviters.includes(v) ? 1 : 0,
      );
    });
  }
});

test("new user: only those who manage people may add someone directly", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/members/new`, MANAGERS, async (page, v) => {
      await expect(page.getByRole("button", { name: "Add user" }), v).toBeVisible();
    });
  }
});

test("a member's page: readers see it, everyone sees their own; only managers get the controls", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/members/${someMemberId}`, READERS, async (page, v) => {
      await expect(page.getByRole("button", { name: "Remove from account" }), v).toHaveCount(
        MANAGERS.includes(v) ? 1 : 0,
      );
      await expect(page.getByRole("button", { name: "Save permissions" }), v).toHaveCount(
        MANAGERS.includes(v) ? 1 : 0,
      );
      await expect(page.getByRole("button", { name: "Make owner" }), v).toHaveCount(v === "owner" ? 1 : 0);
    });
  }
  for (const visitor of ["noRights", "guest"] as const) {
    await expectPage(
      visitor,
      `/a/${shortName}/members/${ownMembershipOf[visitor]}`,
      [visitor],
      async (page) => {
        await expect(page.getByRole("button", { name: "Leave account" })).toBeVisible();
      },
    );
  }
});

// Its CSV export answers every caller in tests/authorization/routes.test.ts (a download cannot be opened as a page).
test("the audit log: only those holding audit.read (owner, administrators); 404 for everyone else", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/audit`, MANAGERS, async (page, v) => {
      await expect(page.getByRole("heading", { name: "Audit log" }), v).toBeVisible();
      await expect(page.getByRole("table", { name: /Audit log events/ }), v).toBeVisible();
    });
  }
});

test("roles: readers see them; only those who manage roles can define one", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/roles`, READERS, async (page, v) => {
      await expect(page.getByRole("button", { name: "Create role" }), v).toHaveCount(
        MANAGERS.includes(v) ? 1 : 0,
      );
    });
  }
});

test("projects: every member sees the list; those who may create projects get the form", async () => {
  const creators: Visitor[] = ["member", ...MANAGERS];
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/projects`, MEMBERS_OF_ACCOUNT, async (page, v) => {
      await expect(page.getByRole("button", { name: "Create project" }), v).toHaveCount(
        creators.includes(v) ? 1 : 0,
      );
      // The list shows the project to those given it (and those who manage every project).
      await expect(page.getByRole("link", { name: PROJECT.name, exact: true }), v).toHaveCount(
        IN_PROJECT.includes(v) ? 1 : 0,
      );
    });
  }
});

test("a project's page: those given it and managers; access and deletion for those who may", async () => {
  const accessGivers: Visitor[] = ["coordinator", ...MANAGERS];
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/projects/${PROJECT.key}`, IN_PROJECT, async (page, v) => {
      await expect(page.getByRole("heading", { name: new RegExp(PROJECT.name) }), v).toBeVisible();
      await expect(
        page.getByRole("table", { name: "Repositories" }).getByRole("link", { name: LINKED_REPOSITORY }),
        v,
      ).toBeVisible();
      await expect(page.getByRole("button", { name: "Give access" }), v).toHaveCount(
        accessGivers.includes(v) ? 1 : 0,
      );
      await expect(page.getByRole("button", { name: "Delete project" }), v).toHaveCount(
        MANAGERS.includes(v) ? 1 : 0,
      );
    });
  }
});

test("repositories: every member sees the list, of what they may see; managers add them", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/repositories`, MEMBERS_OF_ACCOUNT, async (page, v) => {
      await expect(page.getByRole("button", { name: "Add repository" }), v).toHaveCount(
        MANAGERS.includes(v) ? 1 : 0,
      );
      const list = page.getByRole("table", { name: "Repositories" });
      await expect(list.getByRole("link", { name: LINKED_REPOSITORY, exact: true }), v).toHaveCount(
        IN_PROJECT.includes(v) ? 1 : 0,
      );
      await expect(list.getByRole("link", { name: UNLINKED_REPOSITORY, exact: true }), v).toHaveCount(
        MANAGERS.includes(v) ? 1 : 0,
      );
    });
  }
});

test("a linked repository's page: those who see its project; only managers change it", async () => {
  for (const visitor of VISITORS) {
    await expectPage(
      visitor,
      `/a/${shortName}/repositories/${LINKED_REPOSITORY}`,
      IN_PROJECT,
      async (page, v) => {
        await expect(page.getByRole("heading", { name: LINKED_REPOSITORY, exact: true }), v).toBeVisible();
        await expect(
          page.getByRole("list", { name: "Linked projects" }).getByRole("link", { name: PROJECT.name }),
          v,
        ).toBeVisible();
        await expect(page.getByRole("button", { name: "Delete repository" }), v).toHaveCount(
          MANAGERS.includes(v) ? 1 : 0,
        );
        await expect(page.getByRole("button", { name: `Unlink ${PROJECT.name}` }), v).toHaveCount(
          MANAGERS.includes(v) ? 1 : 0,
        );
      },
    );
  }
});

test("a repository linked to no project: only those who manage repositories see it", async () => {
  for (const visitor of VISITORS) {
    await expectPage(
      visitor,
      `/a/${shortName}/repositories/${UNLINKED_REPOSITORY}`,
      MANAGERS,
      async (page, v) => {
        await expect(page.getByRole("heading", { name: UNLINKED_REPOSITORY, exact: true }), v).toBeVisible();
        await expect(page.getByRole("button", { name: "Link", exact: true }), v).toBeVisible();
        await expect(page.getByRole("button", { name: "Delete repository" }), v).toBeVisible();
      },
    );
  }
});
