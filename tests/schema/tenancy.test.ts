import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabase, testKind } from "@/tests/test-db";

// Ready for a sharded PostgreSQL (Citus): every tenant-owned table is distributed by the
// account it belongs to, and everything else is global: a reference table (copied to every
// node) or a table left on the coordinator.
// Citus enforces a primary key, a unique constraint or index, or a foreign key between two
// distributed tables only when it includes the distribution column, refuses NULL in that
// column, and supports no foreign key from a reference table to a distributed one. This suite
// reads the migrated database's catalog (what the migrations really made, hand-written SQL
// included) and holds every table to those rules, so that new code keeps the move possible.
//
// Every table is placed here; a new table fails the suite until someone decides where it
// belongs. A constraint that breaks a rule is allowed only where its table names it below,
// with the reason. An exception that no longer breaks anything fails too: delete it.
// It runs on both databases: the catalog is read in milliseconds, and a laptop without a
// PostgreSQL server still checks a new migration.

type Placement =
  | {
      kind: "tenant";
      /** The column Citus would distribute by: `account_id`, or `id` for accounts itself. */
      distributedBy: string;
      exceptions?: Record<string, string>;
    }
  | { kind: "global"; why: string; exceptions?: Record<string, string> };

const PRIMARY_KEY_ID_ALONE =
  "primary key is id alone (ids are random UUIDs, unique on their own): Citus would need (account_id, id); kept until the move to Citus";

const TABLES: Record<string, Placement> = {
  // ─── Tenant-owned: distributed by the account ───────────────────────────
  accounts: {
    kind: "tenant",
    distributedBy: "id", // the tenant itself, co-located with the rows that carry its id
    exceptions: {
      accounts_short_name_unique:
        "an account is found by its short name (its URL) before anyone knows its id, and names are unique across the installation: on Citus this becomes a reference table mapping short name → account id",
      accounts_join_code_hash_unique:
        "a join link is found by its code alone, across the installation: on Citus, a reference table mapping code hash → account id",
      accounts_default_custom_role_id_custom_roles_id_fk:
        "the default custom role is referenced by its id alone: Citus would need (id, default_custom_role_id) → custom_roles (account_id, id), which custom_roles_account_id_unique already allows",
    },
  },
  memberships: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: { memberships_pkey: PRIMARY_KEY_ID_ALONE },
  },
  membership_permission_overrides: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: {
      membership_permission_overrides_membership_id_permission_pk:
        "primary key is (membership_id, permission): Citus would need account_id in it; kept until the move to Citus",
      membership_permission_overrides_membership_id_memberships_id_fk:
        "references the membership by its id alone: Citus would need (account_id, membership_id) → memberships (account_id, id), which memberships_account_id_unique already allows",
    },
  },
  custom_roles: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: { custom_roles_pkey: PRIMARY_KEY_ID_ALONE },
  },
  invitations: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: {
      invitations_pkey: PRIMARY_KEY_ID_ALONE,
      invitations_token_hash_unique:
        "an invitation link is found by its token alone, before the account is known: on Citus, a reference table mapping token hash → account id (or the account's short name in the link)",
    },
  },
  invitation_projects: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: {
      invitation_projects_invitation_id_project_id_pk:
        "primary key is (invitation_id, project_id): Citus would need account_id in it; kept until the move to Citus",
    },
  },
  projects: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: { projects_pkey: PRIMARY_KEY_ID_ALONE },
  },
  project_members: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: {
      project_members_project_id_membership_id_pk:
        "primary key is (project_id, membership_id): Citus would need account_id in it; kept until the move to Citus",
    },
  },
  repositories: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: { repositories_pkey: PRIMARY_KEY_ID_ALONE },
  },
  project_repositories: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: {
      project_repositories_project_id_repository_id_pk:
        "primary key is (project_id, repository_id): Citus would need account_id in it; kept until the move to Citus",
    },
  },
  audit_events: {
    kind: "tenant",
    distributedBy: "account_id",
    exceptions: {
      "account_id NOT NULL":
        "events about a user rather than an account (sign-in, password change, the platform console) have no account, and Citus refuses NULL in the distribution column: on Citus those go to a user-level log, or the log stays a table on the coordinator",
      audit_events_pkey:
        "primary key is the identity id alone: Citus would need (account_id, id); kept until the move to Citus",
    },
  },

  // ─── Global: reference tables (or tables on the coordinator) ────────────
  users: {
    kind: "global",
    why: "a person exists apart from accounts and belongs to many",
    exceptions: {
      users_last_account_id_accounts_id_fk:
        "where `/` sends the user: Citus has no foreign key from a reference table to a distributed one, so on Citus the column stays without the key (a dangling id is ignored: `/` falls back to the user's first account)",
      users_created_in_account_id_accounts_id_fk:
        "the account whose administrator made the user: on Citus the column stays without the key, and deleting an account would have to clear it itself",
    },
  },
  sessions: {
    kind: "global",
    why: "a user's sign-ins, looked up by token hash on every request, whatever the account",
    exceptions: {
      sessions_impersonation_account_id_accounts_id_fk:
        'the account a "log in as" session is confined to: on Citus the column stays without the key, and deleting an account would have to end such sessions itself',
    },
  },
  user_tokens: { kind: "global", why: "single-use links sent to a user, found by token hash" },
  recovery_codes: { kind: "global", why: "a user's two-factor recovery codes" },
  rate_limits: { kind: "global", why: "counters keyed by address, email or user, not by account" },
  short_name_holds: { kind: "global", why: "guards the installation-wide namespace of short names" },
  email_outbox: {
    kind: "global",
    why: "workers claim due emails across every account with FOR UPDATE SKIP LOCKED, which Citus runs within one shard only; emails to a user (verification, reset) have no account",
    exceptions: {
      email_outbox_account_id_accounts_id_fk:
        "deletes an account's queued emails with it: on Citus the column stays without the key, and deleting an account would have to delete them itself",
    },
  },
};

type Catalog = {
  tables: string[];
  columns: { table: string; column: string; nullable: boolean }[];
  /** Primary keys, unique constraints and unique indexes (partial and expression ones too). */
  uniques: { table: string; name: string; primary: boolean; columns: string[] }[];
  foreignKeys: {
    table: string;
    name: string;
    columns: string[];
    references: string;
    referencedColumns: string[];
  }[];
};

/** A rule broken: `constraint` is the constraint's or index's name, or the column rule broken. */
type Violation = { table: string; constraint: string; problem: string };

const t = testDatabase();

async function rows<Row>(query: SQL): Promise<Row[]> {
  const result = (await t.db.execute(query)) as unknown as Row[] | { rows: Row[] };
  return Array.isArray(result) ? result : result.rows; // postgres.js answers rows, PGlite a result
}

async function readCatalog(): Promise<Catalog> {
  const tables = await rows<{ name: string }>(sql`
    SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`);
  const columns = await rows<{ table: string; column: string; nullable: boolean }>(sql`
    SELECT c.relname::text AS "table", a.attname::text AS "column", NOT a.attnotnull AS nullable
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`);
  // Expression columns of an index (attnum 0) name no column and simply drop out.
  const uniques = await rows<Catalog["uniques"][number]>(sql`
    SELECT t.relname::text AS "table", i.relname::text AS name, x.indisprimary AS "primary",
      array(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
    FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND x.indisunique`);
  const foreignKeys = await rows<Catalog["foreignKeys"][number]>(sql`
    SELECT s.relname::text AS "table", c.conname::text AS name, r.relname::text AS "references",
      array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
      array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "referencedColumns"
    FROM pg_constraint c JOIN pg_class s ON s.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = s.relnamespace
    WHERE n.nspname = 'public' AND c.contype = 'f'`);
  return { tables: tables.map((table) => table.name), columns, uniques, foreignKeys };
}

/** Every rule every classified table breaks, exceptions included. */
function violations(catalog: Catalog): Violation[] {
  const found: Violation[] = [];
  const placement = (table: string) => TABLES[table];
  const list = (columns: string[]) => `(${columns.join(", ")})`;

  for (const table of catalog.tables) {
    const place = placement(table);
    if (place?.kind !== "tenant") continue;
    const column = catalog.columns.find((c) => c.table === table && c.column === place.distributedBy);
    if (!column) {
      found.push({ table, constraint: place.distributedBy, problem: `has no ${place.distributedBy} column` });
    } else if (column.nullable) {
      found.push({
        table,
        constraint: `${place.distributedBy} NOT NULL`,
        problem: `${place.distributedBy} may be NULL, which Citus refuses in the distribution column`,
      });
    }
  }

  for (const unique of catalog.uniques) {
    const place = placement(unique.table);
    if (place?.kind !== "tenant" || unique.columns.includes(place.distributedBy)) continue;
    found.push({
      table: unique.table,
      constraint: unique.name,
      problem: `${unique.primary ? "primary key" : "unique index"} ${list(unique.columns)} lacks ${place.distributedBy}`,
    });
  }

  for (const key of catalog.foreignKeys) {
    const from = placement(key.table);
    const to = placement(key.references);
    if (!from || !to || to.kind !== "tenant") continue;
    const target = `${key.references} ${list(key.referencedColumns)}`;
    if (from.kind === "global") {
      found.push({
        table: key.table,
        constraint: key.name,
        problem: `a global table references the tenant table ${target}, which Citus cannot enforce`,
      });
      continue;
    }
    // Co-located: the distribution column must map onto the referenced table's.
    const paired = key.columns.some(
      (column, i) => column === from.distributedBy && key.referencedColumns[i] === to.distributedBy,
    );
    if (!paired) {
      found.push({
        table: key.table,
        constraint: key.name,
        problem: `${list(key.columns)} → ${target} does not map ${from.distributedBy} onto ${to.distributedBy}`,
      });
    }
  }
  return found;
}

describe(`the schema is ready for Citus (${testKind})`, () => {
  let catalog: Catalog;
  let found: Violation[];
  beforeAll(async () => {
    catalog = await readCatalog();
    found = violations(catalog);
  });

  it("places every table, and only tables that exist", () => {
    expect(
      catalog.tables.filter((table) => !(table in TABLES)),
      "tables to classify in TABLES",
    ).toEqual([]);
    expect(
      Object.keys(TABLES).filter((table) => !catalog.tables.includes(table)),
      "tables gone",
    ).toEqual([]);
  });

  it("keeps account_id in every tenant table's keys, and no global table points into a tenant", () => {
    const unexplained = found
      .filter((v) => !TABLES[v.table]?.exceptions?.[v.constraint])
      .map((v) => `${v.table}.${v.constraint}: ${v.problem}`);
    expect(unexplained).toEqual([]);
  });

  it("names no exception that is no longer needed", () => {
    const stale = Object.entries(TABLES).flatMap(([table, place]) =>
      Object.keys(place.exceptions ?? {})
        .filter((constraint) => !found.some((v) => v.table === table && v.constraint === constraint))
        .map((constraint) => `${table}.${constraint}`),
    );
    expect(stale, "exceptions that break no rule any more: delete them").toEqual([]);
    const tenant = Object.values(TABLES).filter((place) => place.kind === "tenant").length;
    console.log(
      `Tenancy (${testKind}): ${catalog.tables.length} tables — ${tenant} tenant-owned, ` +
        `${catalog.tables.length - tenant} global; ${catalog.uniques.length} keys and unique indexes, ` +
        `${catalog.foreignKeys.length} foreign keys read; ${found.length} named exceptions.`,
    );
  });
});
