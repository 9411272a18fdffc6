import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { eq } from "drizzle-orm";
import { connectPostgres, type Database } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { loadMemberContext } from "@/lib/accounts/member-context";
import { hashPassword } from "@/lib/auth/password";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createUserWithAccount } from "@/tests/fixtures";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { newPerson, newShortName, PASSWORD } from "./support/data";
import { signIn } from "./support/pages";

// The page half of the authorization matrix (tests/authorization/matrix.test.ts covers the
// server actions): every page of an account, opened by every kind of visitor, with what each
// may see. The visitors are seeded straight into this run's database, then sign in for real.

const databaseUrl = process.env.E2E_DATABASE_URL;
test.skip(!databaseUrl, "needs the run's PostgreSQL database to seed visitors");
// One set of visitors for the whole file: its tests run one after another in one worker.
test.describe.configure({ mode: "default" });

type Visitor = "signedOut" | "outsider" | "noRights" | "guest" | "member" | "coordinator" | "admin" | "owner";
const VISITORS: Visitor[] = [
  "signedOut",
  "outsider",
  "noRights",
  "guest",
  "member",
  "coordinator",
  "admin",
  "owner",
];
const READERS: Visitor[] = ["guest", "member", "coordinator", "admin", "owner"];
const MANAGERS: Visitor[] = ["admin", "owner"];

let database: Database;
let shortName: string;
let someMemberId: string;
const ownMembershipOf: Record<string, string> = {};
const pages = new Map<Visitor, Page>();

async function seed() {
  database = await connectPostgres(databaseUrl!, { max: 2 });
  const { db } = database;
  const owner = newPerson("Owner");
  shortName = newShortName("pages");
  const { user, account } = await createUserWithAccount(db, { ...owner, shortName });
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
  someMemberId = await add("member", "member");
  await add("guest", "guest");
  await add("coordinator", "custom", coordinator!.id);
  await add("noRights", "custom", nothing!.id);
  ownMembershipOf.owner = (
    await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, user.id))
  )[0]!.id;
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
  const emails = await seed();
  for (const visitor of VISITORS) await visitorPage(browser, visitor, emails[visitor]);
});

test.afterAll(async () => {
  for (const page of pages.values()) await page.close();
  await database?.close();
});

/** What a visitor sees at a path: signed out → sign in; outsiders → 404; otherwise as the row says. */
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
  } else if (!allowed.includes(visitor)) {
    expect(response?.status(), `${visitor} ${path}`).toBe(404);
  } else {
    expect(response?.status(), `${visitor} ${path}`).toBe(200);
    await check?.(page, visitor);
  }
}

const MEMBERS_OF_ACCOUNT: Visitor[] = ["noRights", ...READERS];

test("the account's home and settings: members only; only managers can rename", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}`, MEMBERS_OF_ACCOUNT);
    await expectPage(visitor, `/a/${shortName}/settings`, MEMBERS_OF_ACCOUNT, async (page, v) => {
      await expect(page.getByRole("button", { name: "Save" }), v).toHaveCount(MANAGERS.includes(v) ? 1 : 0);
    });
  }
});

test("the member list: readers see it; inviting and invitations for those who may invite", async () => {
  for (const visitor of VISITORS) {
    await expectPage(visitor, `/a/${shortName}/members`, MEMBERS_OF_ACCOUNT, async (page, v) => {
      await expect(page.getByRole("table", { name: "Members" }), v).toHaveCount(READERS.includes(v) ? 1 : 0);
      const inviters = ["coordinator", ...MANAGERS];
      await expect(page.getByRole("heading", { name: "Invite people" }), v).toHaveCount(
        inviters.includes(v) ? 1 : 0,
      );
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
  await expectPage(
    "noRights",
    `/a/${shortName}/members/${ownMembershipOf.noRights}`,
    ["noRights"],
    async (page) => {
      await expect(page.getByRole("button", { name: "Leave account" })).toBeVisible();
    },
  );
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
