// The benchmark's database (issue 15): `roster_bench_<scale>` on TEST_POSTGRES_URL, seeded on
// the server by `INSERT … SELECT generate_series` with one argon2id hash for every user, and
// kept between runs: a complete seed leaves a row in `bench_seed`, and a database with that
// row is reused as it is (migrations still run, so a new index arrives on a kept database).
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { connectPostgres, migrateDatabase } from "@/db/client";
import { makeOperatorByEmail } from "@/lib/admin/manage-users";
import { hashPassword } from "@/lib/auth/password";
import { postgresServerUrl } from "@/tests/postgres-server";

export type Scale = "full" | "small";

/** What each scale seeds: `small` is the same shape at about a hundredth of the counts. */
export const SCALES = {
  full: {
    users: 1_000_000,
    bigMembers: 100_000,
    pendingInvitations: 1_000,
    disabledEvery: 100, // 1,000 of 100,000
    projects: 100,
    grantsPerProject: 100,
    smallAccounts: 1_000,
    auditEvents: 1_000_000,
  },
  small: {
    users: 10_000,
    bigMembers: 1_000,
    pendingInvitations: 10,
    disabledEvery: 100,
    projects: 10,
    grantsPerProject: 10,
    smallAccounts: 10,
    auditEvents: 10_000,
  },
} as const;

export const PASSWORD = "bench password 1";
export const OWNER_EMAIL = "owner@bench.test";
export const BIG = "bench-big";
/** An account of exactly 100 members that the same owner owns. */
export const HUNDRED = "bench-100";

export type Seeded = {
  url: string;
  scale: Scale;
  seedSeconds: number | null; // null: reused
  bigAccountId: string;
  memberId: string;
  personUserId: string;
  counts: (typeof SCALES)[Scale];
};

function databaseUrl(name: string) {
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A deterministic, valid version-4 UUID for user number `i`, so that memberships and audit
 * events name users without joining on email (z.uuid() checks the version and variant).
 */
const UID_FUNCTION = `
  create or replace function bench_uid(i bigint) returns uuid language sql immutable as $$
    select (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid
    from (select md5('bench-user-' || i) as h) s
  $$`;

async function seedAll(sql: postgres.Sql, scale: Scale) {
  const c = SCALES[scale];
  const hash = await hashPassword(PASSWORD);
  await sql.unsafe(UID_FUNCTION);
  await sql`set maintenance_work_mem = '512MB'`;
  await sql`set synchronous_commit = off`;
  // Secondary indexes are dropped during the bulk load and rebuilt after it (each from its
  // own definition): one sort per index instead of a million insertions into each.
  // Indexes that back a constraint, or that a foreign key points at, stay.
  const tables = ["users", "memberships", "audit_events"];
  const indexes = await sql<{ name: string; def: string }[]>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as def
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
    where t.relname in ${sql(tables)}
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`;
  for (const { name } of indexes) await sql.unsafe(`drop index "${name}"`);

  const step = async (label: string, run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    console.log(`  ${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  };

  await step(`${c.users.toLocaleString("en")} users`, async () => {
    await sql`
      insert into users (id, email, name, password_hash, email_verified_at)
      values (bench_uid(0), ${OWNER_EMAIL}, 'Bench Owner', ${hash}, now())`;
    // Varied names (ten first names: a 3-letter search matches a tenth), half with a user
    // name, a third with one of 50 companies.
    await sql`
      insert into users (id, email, name, password_hash, username, company, email_verified_at, created_at)
      select bench_uid(i), 'user' || i || '@bench.test',
             (array['Ada','Grace','Alan','Edsger','Barbara','Ken','Margaret','Donald','Frances','Radia'])[1 + i % 10]
               || ' ' || substr(md5(i::text), 1, 8),
             ${hash},
             case when i % 2 = 0 then 'u-' || i end,
             case when i % 3 = 0 then 'Company ' || (i % 50) end,
             now(), now() - i * interval '1 second'
      from generate_series(1, ${c.users - 1}) as i`;
  });

  // Accounts: the big one, the 100-member one (both the owner's), and the rest owned by the
  // first user of their block. Block k holds users start_k … start_k + size_k - 1.
  await sql`
    create temp table small_accounts as
    select k, size, ${c.bigMembers} + coalesce(sum(size) over (order by k rows between unbounded preceding and 1 preceding), 0) as start
    from (select k, case when k = 1 then 99 else 10 + (k * 37) % 91 end as size
          from generate_series(1, ${c.smallAccounts}) as k) s`;
  await step("accounts and memberships", async () => {
    await sql`
      insert into accounts (short_name, display_name, created_by_user_id, plan)
      values (${BIG}, 'Bench Big', bench_uid(0), 'business'), (${HUNDRED}, 'Bench Hundred', bench_uid(0), 'business')`;
    await sql`
      insert into accounts (short_name, display_name, created_by_user_id)
      select 'team-' || k, 'Team ' || k, bench_uid(start) from small_accounts where k > 1`;
    const [big] = await sql<{ id: string }[]>`select id from accounts where short_name = ${BIG}`;
    await sql`
      insert into memberships (account_id, user_id, role)
      select id, bench_uid(0), 'owner' from accounts where short_name in (${BIG}, ${HUNDRED})`;
    // Roles in a fixed mix; one in `disabledEvery` disabled, one in a thousand awaiting approval.
    await sql`
      insert into memberships (account_id, user_id, role, created_at, disabled_at, awaiting_approval_since, added_by_user_id)
      select ${big!.id}, bench_uid(i),
             (array['admin','member','member','member','guest'])[1 + i % 5]::membership_role,
             now() - i * interval '1 minute',
             case when i % ${c.disabledEvery} = 0 then now() end,
             case when i % ${c.disabledEvery} <> 0 and i % 1000 = 501 then now() end,
             bench_uid(0)
      from generate_series(1, ${c.bigMembers - 1}) as i`;
    await sql`
      insert into memberships (account_id, user_id, role)
      select a.id, bench_uid(s.start + j), case when j = 0 and s.k > 1 then 'owner' else 'member' end::membership_role
      from small_accounts s
      join accounts a on a.short_name = case when s.k = 1 then ${HUNDRED} else 'team-' || s.k end
      cross join lateral generate_series(0, s.size - 1) as j`;
  });

  await step("invitations, projects, grants", async () => {
    await sql`
      insert into invitations (account_id, email, role, token_hash, invited_by_user_id, expires_at)
      select a.id, 'invitee' || i || '@bench.test', 'member', encode(sha256(('bench-pending-' || i)::bytea), 'hex'),
             bench_uid(0), now() + interval '10 years'
      from accounts a, generate_series(1, ${c.pendingInvitations}) as i where a.short_name = ${BIG}`;
    await sql`
      insert into projects (account_id, key, name, description, created_by_user_id)
      select a.id, 'P' || lpad(i::text, 3, '0'), 'Project ' || i, 'Benchmark project ' || i, bench_uid(0)
      from accounts a, generate_series(1, ${c.projects}) as i where a.short_name = ${BIG}`;
    // The first projects × grantsPerProject members (oldest first), grantsPerProject to a project.
    await sql`
      insert into project_members (account_id, project_id, membership_id, role)
      select m.account_id, p.id, m.id, (array['viewer','editor','manager'])[1 + m.r % 3]::project_role
      from (select id, account_id, row_number() over (order by created_at desc, id) - 1 as r
            from memberships where account_id = (select id from accounts where short_name = ${BIG}) and role <> 'owner') m
      join projects p on p.account_id = m.account_id
        and p.key = 'P' || lpad((1 + m.r / ${c.grantsPerProject})::text, 3, '0')
      where m.r < ${c.projects * c.grantsPerProject}`;
  });

  await step(`${c.auditEvents.toLocaleString("en")} audit events`, async () => {
    // Nine in ten in the big account, about its members; the rest spread over the others.
    await sql`
      create temp table account_ids as select row_number() over (order by short_name) as n, id from accounts`;
    const [{ n: accountCount } = { n: 1 }] = await sql<
      { n: number }[]
    >`select count(*)::int as n from account_ids`;
    await sql`
      insert into audit_events (account_id, actor_user_id, actor_email, action, target_type, target_id, target_user_id, data, ip, user_agent, created_at)
      select case when i % 10 = 0 then (select id from account_ids where n = 1 + i % ${accountCount})
                  else (select id from accounts where short_name = ${BIG}) end,
             bench_uid(1 + i % ${c.bigMembers - 1}),
             'user' || (1 + i % ${c.bigMembers - 1}) || '@bench.test',
             (array['member.role_changed','user.signed_in','member.disabled','invitation.created','member.profile_updated'])[1 + i % 5],
             'user', bench_uid(1 + (i * 7) % ${c.bigMembers - 1})::text, bench_uid(1 + (i * 7) % ${c.bigMembers - 1}),
             '{}'::jsonb, '127.0.0.1', 'bench', now() - i * interval '1 second'
      from generate_series(1, ${c.auditEvents}) as i`;
  });

  await step("indexes rebuilt", async () => {
    for (const { def } of indexes) await sql.unsafe(def);
  });
}

/** The benchmark's database, seeded (or reused when a complete seed is there). */
export async function ensureSeeded(scale: Scale): Promise<Seeded> {
  const name = `roster_bench_${scale}`;
  const url = databaseUrl(name);
  const admin = postgres(postgresServerUrl(), { max: 1, onnotice: () => {} });
  let seedSeconds: number | null = null;
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    let complete = false;
    if (exists) {
      const probe = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const [marker] = await probe`select to_regclass('bench_seed') is not null as present`;
        complete = Boolean(marker?.present) && (await probe`select 1 from bench_seed`).length > 0;
      } finally {
        await probe.end();
      }
      if (!complete) await admin.unsafe(`DROP DATABASE "${name}" WITH (FORCE)`);
    }
    if (!complete) await admin.unsafe(`CREATE DATABASE "${name}"`);

    const database = await connectPostgres(url, { max: 1 });
    try {
      await migrateDatabase(database);
      if (!complete) {
        const start = performance.now();
        console.log(`Seeding ${name} (${scale})…`);
        const sql = postgres(url, { max: 1, onnotice: () => {} });
        try {
          await seedAll(sql, scale);
          await makeOperatorByEmail(database.db, OWNER_EMAIL, { ip: null, userAgent: "npm run bench" });
          await sql`vacuum analyze`;
          seedSeconds = (performance.now() - start) / 1000;
          await sql`create table bench_seed (scale text not null, seconds real not null, seeded_at timestamptz not null default now())`;
          await sql`insert into bench_seed (scale, seconds) values (${scale}, ${seedSeconds})`;
        } finally {
          await sql.end();
        }
        console.log(`Seeded in ${seedSeconds.toFixed(1)} s.`);
      } else {
        console.log(`Reusing the seeded database ${name}.`);
      }
    } finally {
      await database.close();
    }
  } finally {
    await admin.end();
  }

  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [big] = await sql<{ id: string }[]>`select id from accounts where short_name = ${BIG}`;
    // A plain member of the big account, and a person the audit log names often.
    const [member] = await sql<{ id: string }[]>`
      select id from memberships where account_id = ${big!.id} and user_id = bench_uid(42)`;
    const [person] = await sql<{ id: string }[]>`select bench_uid(7)::text as id`;
    return {
      url,
      scale,
      seedSeconds,
      bigAccountId: big!.id,
      memberId: member!.id,
      personUserId: person!.id,
      counts: SCALES[scale],
    };
  } finally {
    await sql.end();
  }
}
