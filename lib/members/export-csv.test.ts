import { randomBytes } from "node:crypto";
import { asc, count, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { memberships, projectMembers, users } from "@/db/schema";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createProject, defaultProjectKey } from "@/lib/projects/projects";
import { createCustomRole } from "@/lib/roles/custom-roles";
import { parseCsv } from "@/tests/csv";
import { memberContextOf, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { EXPORT_COLUMNS, membersCsv } from "./export-csv";

const t = testDatabase();
const meta = NO_REQUEST_META;
const MEMBERS = 2_500;

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * An account of exactly MEMBERS people: its owner (who approves), an administrator who added
 * half of them, one person whose every field is awkward (a formula for a name, a comma and a
 * line break in the company, a custom role, two projects), and the rest inserted in bulk —
 * names repeating so that equal names straddle batch boundaries, some disabled, some awaiting
 * approval, some approved, some with a custom role, some with project grants.
 */
async function seedAccount() {
  const tag = randomBytes(5).toString("hex");
  const owner = await signUp(t.db, { name: "Olga Owner" });
  const accountId = owner.account.id;
  const ownerCtx = await memberContextOf(t.db, owner.user, owner.account.shortName);
  const vendor = await createCustomRole(
    t.db,
    ownerCtx,
    { name: "Vendor", description: "", permissions: ["members.read"] },
    meta,
  );
  const web = await createProject(t.db, ownerCtx, { name: "Website", key: "WEB", description: "" }, meta);
  const ops = await createProject(t.db, ownerCtx, { name: "Operations", key: "OPS", description: "" }, meta);
  const adder = await signUp(t.db, { name: "Adam Adder" });
  await t.db.insert(memberships).values({ accountId, userId: adder.user.id, role: "admin" });
  // Someone of another account only: must not be exported.
  const outsider = await signUp(t.db, { name: "Oscar Outsider" });

  const [awkwardUser] = await t.db
    .insert(users)
    .values({
      email: `zoe-${tag}@example.test`,
      name: '=HYPERLINK("http://evil.test","Zoë")',
      displayName: 'Zoë "Z" Ångström',
      username: `zoe-${tag}`,
      company: "Acme, Inc.\nZürich",
      lastActiveAt: new Date("2026-05-06T07:08:09Z"),
    })
    .returning({ id: users.id });
  const [awkward] = await t.db
    .insert(memberships)
    .values({
      accountId,
      userId: awkwardUser!.id,
      role: "custom",
      customRoleId: vendor.id,
      approvedAt: new Date("2026-03-04T05:06:07Z"),
      approvedByUserId: owner.user.id,
      addedByUserId: adder.user.id,
      createdAt: new Date("2026-01-02T03:04:05.678Z"),
    })
    .returning({ id: memberships.id });
  await t.db.insert(projectMembers).values([
    { accountId, projectId: web.id, membershipId: awkward!.id, role: "editor" },
    { accountId, projectId: ops.id, membershipId: awkward!.id, role: "viewer" },
  ]);

  // The rest in three statements: users, their memberships, their project grants.
  const bulk = MEMBERS - 3;
  const email = sql`'bulk-' || i || '-${sql.raw(tag)}@example.test'`;
  await t.db.execute(sql`
    insert into users (email, name, username, company, last_active_at)
    select ${email}, 'Person ' || lpad((i % 400)::text, 3, '0'),
           case when i % 4 = 0 then 'u${sql.raw(tag)}-' || i end,
           case when i % 3 = 0 then 'Company ' || (i % 10) end,
           case when i % 5 = 0 then timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute' end
    from generate_series(1, ${bulk}) as i`);
  await t.db.execute(sql`
    insert into memberships (account_id, user_id, role, custom_role_id, added_by_user_id,
                             disabled_at, awaiting_approval_since, approved_at, approved_by_user_id)
    select ${accountId}, u.id,
           (case i % 10 when 0 then 'admin' when 1 then 'guest' when 2 then 'custom' else 'member' end)::membership_role,
           case when i % 10 = 2 then ${vendor.id}::uuid end,
           case when i % 2 = 0 then ${adder.user.id}::uuid end,
           case when i % 50 = 3 then now() end,
           case when i % 50 = 4 then now() end,
           case when i % 50 = 5 then now() end,
           case when i % 50 = 5 then ${owner.user.id}::uuid end
    from generate_series(1, ${bulk}) as i join users u on u.email = ${email}`);
  await t.db.execute(sql`
    insert into project_members (account_id, project_id, membership_id, role)
    select ${accountId}, p.project_id, m.id, p.role::project_role
    from generate_series(1, ${bulk}) as i
    join memberships m on m.account_id = ${accountId} and m.member_email = ${email}
    join (values (${web.id}::uuid, 7, 'viewer'), (${ops.id}::uuid, 11, 'manager')) as p(project_id, every, role)
      on i % p.every = 0`);

  const [{ n }] = (await t.db
    .select({ n: count() })
    .from(memberships)
    .where(eq(memberships.accountId, accountId))) as [{ n: number }];
  expect(n).toBe(MEMBERS);
  return { tag, accountId, owner, adder, outsider };
}

/** The whole export as records, and how many pieces it came in. */
async function exportAll(accountId: string, batchSize?: number) {
  const pieces: string[] = [];
  for await (const piece of membersCsv(t.db, accountId, { batchSize })) pieces.push(piece);
  return { records: parseCsv(pieces.join("")), pieces };
}

const column = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);

describe("the people export", () => {
  it("lists everyone of the account exactly once, in name order, with every column right", async () => {
    const { tag, accountId, owner, adder, outsider } = await seedAccount();
    const { records } = await exportAll(accountId);
    const [header, ...rows] = records;
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(MEMBERS);
    for (const row of rows) expect(row).toHaveLength(EXPORT_COLUMNS.length);

    // Exactly the account's people, each once, in the order of (member_name, id).
    const emails = rows.map((row) => row[column("Email")]!);
    expect(new Set(emails).size).toBe(MEMBERS);
    expect(emails).not.toContain(outsider.email);
    const inOrder = await t.db
      .select({ email: memberships.memberEmail })
      .from(memberships)
      .where(eq(memberships.accountId, accountId))
      .orderBy(asc(memberships.memberName), asc(memberships.id));
    expect(emails).toEqual(inOrder.map((m) => m.email));

    const byEmail = new Map(rows.map((row) => [row[column("Email")], row]));
    expect(byEmail.get(`zoe-${tag}@example.test`)).toEqual([
      `'=HYPERLINK("http://evil.test","Zoë")`,
      `zoe-${tag}`,
      'Zoë "Z" Ångström',
      `zoe-${tag}@example.test`,
      "Acme, Inc.\nZürich",
      "Vendor",
      "Active",
      "Olga Owner",
      "2026-03-04T05:06:07Z",
      "Adam Adder",
      "OPS (Viewer); WEB (Editor)",
      "2026-01-02T03:04:05Z",
      "2026-05-06T07:08:09Z",
    ]);
    const ownerRow = byEmail.get(owner.email)!;
    expect(ownerRow[column("Role")]).toBe("Owner");
    expect(ownerRow[column("Added by")]).toBe("");
    expect(ownerRow[column("Projects")]).toBe(
      [defaultProjectKey(owner.account.shortName), "OPS", "WEB"]
        .sort()
        .map((key) => `${key} (Manager)`)
        .join("; "),
    );
    expect(byEmail.get(adder.email)![column("Role")]).toBe("Administrator");

    // Bulk person 1540: admin (i % 10 = 0), added by the adder (i % 2), a user name (i % 4),
    // last active (i % 5), WEB Viewer (i % 7) and OPS Manager (i % 11); no company.
    expect(byEmail.get(`bulk-1540-${tag}@example.test`)).toEqual([
      "Person 340",
      `u${tag}-1540`,
      "",
      `bulk-1540-${tag}@example.test`,
      "",
      "Administrator",
      "Active",
      "",
      "",
      "Adam Adder",
      "OPS (Manager); WEB (Viewer)",
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      "2026-01-02T01:40:00Z",
    ]);
    // Bulk person 3: a company, disabled, a Member.
    const p3 = byEmail.get(`bulk-3-${tag}@example.test`)!;
    expect([p3[column("Company")], p3[column("Status")], p3[column("Role")]]).toEqual([
      "Company 3",
      "Disabled",
      "Member",
    ]);
    // Never active: no date rather than -infinity; no grants: empty.
    const p1 = byEmail.get(`bulk-1-${tag}@example.test`)!;
    expect(p1[column("Last active")]).toBe("");
    expect(p1[column("Projects")]).toBe("");
    expect(p1[column("Role")]).toBe("Guest");

    const tally = (name: (typeof EXPORT_COLUMNS)[number], value: string) =>
      rows.filter((row) => row[column(name)] === value).length;
    const everyFifty = (r: number) => Math.floor((MEMBERS - 3 - r) / 50) + 1;
    expect(tally("Status", "Disabled")).toBe(everyFifty(3));
    expect(tally("Status", "Awaiting approval")).toBe(everyFifty(4));
    expect(tally("Approved by", "Olga Owner")).toBe(everyFifty(5) + 1);
    expect(tally("Role", "Vendor")).toBe(Math.floor((MEMBERS - 3 - 2) / 10) + 1 + 1);
  });

  it("reads one batch per statement, never more than one batch ahead of the reader", async () => {
    const { accountId } = await seedAccount();
    const select = vi.spyOn(t.db, "select");
    const csv = membersCsv(t.db, accountId, { batchSize: 100 });
    await csv.next(); // the header needs no query
    expect(select).toHaveBeenCalledTimes(0);
    const first = await csv.next();
    expect(parseCsv(first.value as string)).toHaveLength(100);
    // The second batch is on its way while the first is sent; the third waits for the reader.
    expect(select).toHaveBeenCalledTimes(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(select).toHaveBeenCalledTimes(2);
    await csv.next();
    expect(select).toHaveBeenCalledTimes(3);
    // A reader that goes away stops the walk.
    await csv.return();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(select).toHaveBeenCalledTimes(3);

    select.mockClear();
    const { records, pieces } = await exportAll(accountId, 100);
    expect(records).toHaveLength(MEMBERS + 1);
    // The header, then 25 full batches; a 26th statement finds nothing after the last one.
    expect(pieces).toHaveLength(1 + MEMBERS / 100);
    expect(select).toHaveBeenCalledTimes(MEMBERS / 100 + 1);
    for (const piece of pieces.slice(1)) expect(parseCsv(piece)).toHaveLength(100);

    select.mockClear();
    expect((await exportAll(accountId)).records).toHaveLength(MEMBERS + 1);
    expect(select).toHaveBeenCalledTimes(3); // 1,000 + 1,000 + 500: a short batch is the last
  });

  it("gives an account of one person its header and that person", async () => {
    const solo = await signUp(t.db, { name: "Sol Solo" });
    const { records } = await exportAll(solo.account.id);
    expect(records).toHaveLength(2);
    expect(records[1]?.[column("Email")]).toBe(solo.email);
    expect((await exportAll(solo.account.id, 1)).records.map((r) => r[column("Email")])).toEqual([
      "Email",
      solo.email,
    ]);
  });
});
