// `npx tsx --import ./scripts/server-only-hooks.mjs scripts/bench-export.ts`: measures
// DESIGN.md's target for the people export —
// 100,000 members streamed at ≥ 100,000 rows/s with flat memory (≤ 150 MB RSS) — on a
// PostgreSQL server (TEST_POSTGRES_URL), in a database it creates and drops. The stream is
// read as a client would read the response body; one batch's statement is also timed alone
// (raw, on its own connection), for the floor the database sets.
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { connectPostgres, migrateDatabase } from "@/db/client";
import { csvDownloadStream } from "@/lib/csv/download";
import { EXPORT_BATCH_SIZE, membersCsv, membersExportBatchQuery } from "@/lib/members/export-csv";
import { createUserWithAccount } from "@/tests/fixtures";
import { createScratchDatabase, postgresReachable, postgresServerUrl } from "@/tests/postgres-server";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main() {
  if (!(await postgresReachable(postgresServerUrl()))) {
    console.error(
      `The benchmark needs a PostgreSQL server at ${postgresServerUrl()} (set TEST_POSTGRES_URL).`,
    );
    process.exit(1);
  }
  process.env.AUTH_SECRET ||= "bench-secret";
  const scratch = await createScratchDatabase("roster_bench_export");
  const database = await connectPostgres(scratch.url, { max: 4 });
  const raw = postgres(scratch.url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(database);
    const { db } = database;
    const owner = await createUserWithAccount(db, {
      name: "Bench Owner",
      email: "owner@bench.test",
      password: "bench password 1",
      shortName: "bench",
    });
    const accountId = owner.account.id;
    // Varied names, a third with a company, a fifth active, every other one added by the owner,
    // one in ten approved by them, one in seven with a grant on the account's first project.
    await raw`
      insert into users (email, name, display_name, company, last_active_at)
      select 'user' || i || '@bench.test',
             (array['Ada','Grace','Alan','Edsger','Barbara','Ken','Margaret','Donald','Frances','Radia'])[1 + i % 10]
               || ' ' || substr(md5(i::text), 1, 8),
             case when i % 4 = 0 then 'Nick ' || i end,
             case when i % 3 = 0 then 'Company ' || (i % 100) end,
             case when i % 5 = 0 then now() - i * interval '1 minute' end
      from generate_series(1, ${MEMBERS}) as i`;
    await raw`
      insert into memberships (account_id, user_id, role, added_by_user_id, approved_at, approved_by_user_id)
      select ${accountId}, u.id,
             (array['admin','member','member','member','guest'])[1 + (row_number() over ()) % 5]::membership_role,
             case when (row_number() over ()) % 2 = 0 then ${owner.user.id}::uuid end,
             case when (row_number() over ()) % 10 = 0 then now() end,
             case when (row_number() over ()) % 10 = 0 then ${owner.user.id}::uuid end
      from users u where u.email like 'user%@bench.test'`;
    await raw`
      insert into project_members (account_id, project_id, membership_id, role)
      select ${accountId}, p.id, m.id, 'editor'
      from memberships m, (select id from projects where account_id = ${accountId} limit 1) p
      where m.account_id = ${accountId} and m.user_id <> ${owner.user.id} and hashtext(m.id::text) % 7 = 0`;
    await raw`vacuum analyze`;

    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    for (let run = 1; run <= RUNS; run++) {
      const start = performance.now();
      let bytes = 0;
      const reader = csvDownloadStream(membersCsv(db, accountId)).getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        bytes += chunk.value.length;
      const seconds = (performance.now() - start) / 1000;
      console.log(
        `run ${run}: ${MEMBERS.toLocaleString("en")} people, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ${Math.round(MEMBERS / seconds).toLocaleString("en")} rows/s`,
      );
    }
    clearInterval(sampler);
    console.log(
      `RSS of this process: ${(rssBefore / 1e6).toFixed(0)} MB before, ${(peakRss / 1e6).toFixed(0)} MB at most during the runs`,
    );

    // One batch from the middle of the account, the same SQL run alone.
    const [middle] = await raw`
      select member_name, id from memberships where account_id = ${accountId}
      order by member_name, id offset ${Math.floor(MEMBERS / 2)} limit 1`;
    const { sql: text, params } = membersExportBatchQuery(
      db,
      accountId,
      { name: middle!.member_name as string, id: middle!.id as string },
      EXPORT_BATCH_SIZE,
    ).toSQL();
    const samples: number[] = [];
    for (let i = 0; i < 40; i++) {
      const start = performance.now();
      await raw.unsafe(text, params as never[]);
      if (i >= 10) samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const p50 = samples[Math.floor(samples.length / 2)]!;
    console.log(
      `one batch of ${EXPORT_BATCH_SIZE.toLocaleString("en")} alone: p50 ${p50.toFixed(1)} ms (a floor of ${Math.round((EXPORT_BATCH_SIZE / p50) * 1000).toLocaleString("en")} rows/s)`,
    );
  } finally {
    await raw.end();
    await database.close();
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
