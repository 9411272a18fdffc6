// `npm run bench`: measures the performance targets of DESIGN.md that this code base serves so
// far, on a PostgreSQL server (TEST_POSTGRES_URL), in a database it creates and drops:
//   - the member list of an account with 100,000 members (first page, a deep page, each sort,
//     search), with the page's other queries, and the same SQL run alone for comparison;
//   - sign-in with argon2id at OWASP parameters.
// Times are wall-clock from this process (postgres.js over loopback), p50 and p95 of many runs.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { connectPostgres, migrateDatabase, type Db } from "@/db/client";
import { loadMemberContext } from "@/lib/accounts/member-context";
import { hashPassword } from "@/lib/auth/password";
import { NO_REQUEST_META } from "@/lib/http/request-meta";
import { createUserWithAccount, passwordSession } from "@/tests/fixtures";
import {
  countMatchingMembers,
  listMembers,
  membersPageQuery,
  searchIsBroad,
  type MemberFilters,
  type MemberSort,
  type PageCursor,
} from "@/lib/members/queries";
import { createScratchDatabase, postgresReachable, postgresServerUrl } from "@/tests/postgres-server";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const OTHER_USERS = Number(process.env.BENCH_OTHER_USERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 1000);
const SEARCH_RUNS = Math.ceil(RUNS / 5);

function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, runs); i++) await fn(); // warm caches and plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function seed(db: Db, sql: postgres.Sql) {
  const owner = await createUserWithAccount(db, {
    name: "Bench Owner",
    email: "owner@bench.test",
    password: "bench password 1",
    shortName: "bench",
  });
  const other = await createUserWithAccount(db, {
    name: "Other Owner",
    email: "other@bench.test",
    password: "bench password 1",
    shortName: "bench-other",
  });
  // Users with varied names; the big account gets MEMBERS of them, another account the rest.
  await sql`
    insert into users (email, name, password_hash, username, company)
    select 'user' || i || '@bench.test',
           (array['Ada','Grace','Alan','Edsger','Barbara','Ken','Margaret','Donald','Frances','Radia'])[1 + i % 10]
             || ' ' || substr(md5(i::text), 1, 8),
           null,
           -- Half with a user name, a third with one of 50 companies: the rest sort last.
           case when i % 2 = 0 then 'u-' || substr(md5('u' || i), 1, 10) end,
           case when i % 3 = 0 then 'Company ' || (i % 50) end
    from generate_series(1, ${MEMBERS + OTHER_USERS}) as i`;
  await sql`
    insert into memberships (account_id, user_id, role, created_at)
    select ${owner.account.id}, u.id,
           (array['admin','member','member','member','guest'])[1 + (row_number() over ()) % 5]::membership_role,
           now() - (row_number() over ()) * interval '1 minute'
    from users u where u.email like 'user%@bench.test' order by u.email limit ${MEMBERS}`;
  // One in a hundred disabled (hidden unless asked for), one in a thousand awaiting approval.
  await sql`
    update memberships set disabled_at = now()
    where account_id = ${owner.account.id} and role <> 'owner' and hashtext(id::text) % 100 = 0`;
  await sql`
    update memberships set awaiting_approval_since = now()
    where account_id = ${owner.account.id} and role <> 'owner' and disabled_at is null
      and hashtext(id::text) % 1000 = 1`;
  await sql`
    insert into memberships (account_id, user_id, role)
    select ${other.account.id}, u.id, 'member' from users u
    where u.email like 'user%@bench.test'
      and not exists (select 1 from memberships m where m.user_id = u.id)`;
  // Sign-in users, one per timed sign-in (the sign-in rate limit counts per email).
  const passwordHash = await hashPassword("bench password 1");
  await sql`
    insert into users (email, name, password_hash)
    select 'signin' || i || '@bench.test', 'Sign In ' || i, ${passwordHash} from generate_series(1, 100) as i`;
  // Steady state, as autovacuum leaves a table: statistics and visibility map up to date.
  await sql`vacuum analyze`;
  return { accountId: owner.account.id, shortName: owner.account.shortName, ownerId: owner.user.id };
}

async function main() {
  if (!(await postgresReachable(postgresServerUrl()))) {
    console.error(
      `The benchmark needs a PostgreSQL server at ${postgresServerUrl()} (set TEST_POSTGRES_URL).`,
    );
    process.exit(1);
  }
  process.env.AUTH_SECRET ||= "bench-secret";
  const scratch = await createScratchDatabase("roster_bench");
  const database = await connectPostgres(scratch.url, { max: 4 });
  const raw = postgres(scratch.url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    const { db } = database;
    const seedStart = performance.now();
    const { accountId, shortName, ownerId } = await seed(db, raw);
    console.log(
      `Seeded ${MEMBERS.toLocaleString("en")} members (+${OTHER_USERS.toLocaleString("en")} users elsewhere) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s.\n`,
    );

    // A cursor 50 pages deep, found by walking there.
    let deep: PageCursor = null;
    for (let page = 1; page < 50; page++) {
      const { next } = await listMembers(db, accountId, { sort: "name", cursor: deep });
      deep = { after: next! };
    }

    const owner = {
      id: ownerId,
      email: "owner@bench.test",
      name: "Bench Owner",
      displayName: null,
      emailVerifiedAt: null,
      twoFactorEnabledAt: null,
    };
    const rows: [string, string, string, string][] = [];
    // The list as the page calls it, against the SQL of its final query run alone. For a search
    // the list also runs a short probe first (how broad is it?), which the comparison includes.
    const scenario = async (
      label: string,
      options: { q?: string; sort?: MemberSort; cursor?: PageCursor; filters?: MemberFilters },
      runs = RUNS,
    ) => {
      const page = await time(runs, () => listMembers(db, accountId, options));
      const broad = options.q ? await searchIsBroad(db, accountId, options.q) : false;
      const { sql: text, params } = membersPageQuery(db, accountId, { ...options, broad }).query.toSQL();
      const alone = await time(runs, () => raw.unsafe(text, params as never[]));
      const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`;
      rows.push([
        label,
        ms(page.p50),
        ms(page.p95),
        `${ms(alone.p50)} / ${ms(alone.p95)} (${ratio(page.p50, alone.p50)} / ${ratio(page.p95, alone.p95)})`,
      ]);
    };
    await scenario("first page, by name", { sort: "name" });
    await scenario("first page, by role", { sort: "role" });
    await scenario("first page, newest first", { sort: "joined" });
    await scenario("first page, by user name (blanks last)", { sort: "username" });
    await scenario("first page, by company (blanks last)", { sort: "company" });
    await scenario("first page, by status", { sort: "status" });
    await scenario("first page, by last activity", { sort: "lastActive" });
    await scenario("page 50, by name (keyset)", { sort: "name", cursor: deep });
    await scenario("role Guest (20%)", { filters: { role: "guest" } });
    await scenario("awaiting approval (0.1%)", { filters: { status: "awaiting" } }, SEARCH_RUNS);
    await scenario("with the disabled shown", { filters: { showDisabled: true } });
    await scenario("search “grace” (10% match)", { q: "grace" }, SEARCH_RUNS);
    await scenario("search “user4242@” (1 match)", { q: "user4242@" }, SEARCH_RUNS);
    await scenario("search “zz” (2 chars, no match)", { q: "zz" }, SEARCH_RUNS);
    await scenario("search “bench.test” (every member)", { q: "bench.test" }, SEARCH_RUNS);

    const count = await time(RUNS, () => countMatchingMembers(db, accountId, "", {}));
    const filteredCount = await time(SEARCH_RUNS, () =>
      countMatchingMembers(db, accountId, "", { role: "guest" }),
    );
    const wholePage = await time(RUNS, async () => {
      const ctx = await loadMemberContext(db, owner, shortName);
      await Promise.all([
        listMembers(db, ctx!.account.id, { sort: "name" }),
        countMatchingMembers(db, ctx!.account.id, "", {}),
      ]);
    });
    let signInUser = 0;
    const signIn = await time(60, () =>
      passwordSession(
        db,
        { email: `signin${++signInUser}@bench.test`, password: "bench password 1" },
        NO_REQUEST_META,
      ),
    );

    console.log(
      `Member list of an account with ${MEMBERS.toLocaleString("en")} members, ${RUNS} runs each (searches ${SEARCH_RUNS})`,
    );
    console.log(
      "| query | p50 | p95 | same final SQL alone, p50 / p95 (ratios) |\n| --- | --- | --- | --- |",
    );
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
    console.log(`| count of members (all but the disabled) | ${ms(count.p50)} | ${ms(count.p95)} | — |`);
    console.log(
      `| count of role Guest (capped at 10,000) | ${ms(filteredCount.p50)} | ${ms(filteredCount.p95)} | — |`,
    );
    console.log(
      `| the page's data (member context + first page + count) | ${ms(wholePage.p50)} | ${ms(wholePage.p95)} | — |`,
    );
    console.log(
      `\nSign-in (argon2id m=19456 t=2 p=1, session row, audit row): p50 ${ms(signIn.p50)}, p95 ${ms(signIn.p95)}`,
    );
  } finally {
    await raw.end();
    await database.close();
    if (process.env.BENCH_KEEP === "1") console.log(`\nKept the database for a closer look: ${scratch.url}`);
    else await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
