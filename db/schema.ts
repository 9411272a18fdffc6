import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  integer,
  check,
  customType,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Case-insensitive text (PostgreSQL `citext`): `Ada@X.com` and `ada@x.com` are one value. */
const citext = customType<{ data: string }>({ dataType: () => "citext" });

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

// ─── Enums ──────────────────────────────────────────────────────────────────

/** Built-in roles, plus `custom` for an account's own named permission sets. */
export const membershipRole = pgEnum("membership_role", ["owner", "admin", "member", "guest", "custom"]);

// ─── Tables ─────────────────────────────────────────────────────────────────

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: citext().notNull(),
    name: text().notNull(),
    passwordHash: text(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    /** Where `/` sends this user: the account they used last. */
    lastAccountId: uuid().references((): AnyPgColumn => accounts.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const accounts = pgTable(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Immutable: it is the account's URL (`/a/<short-name>`). */
    shortName: text().notNull(),
    displayName: text().notNull(),
    plan: text().notNull().default("free"),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_short_name_unique").on(t.shortName),
    check(
      "accounts_short_name_format",
      sql`${t.shortName} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(${t.shortName}) BETWEEN 3 AND 32`,
    ),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole().notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_account_user_unique").on(t.accountId, t.userId),
    // At most one owner per account; ownership moves inside one transaction.
    uniqueIndex("memberships_one_owner")
      .on(t.accountId)
      .where(sql`${t.role} = 'owner'`),
    index("memberships_user_idx").on(t.userId),
  ],
);

/**
 * Server-side sessions. The Auth.js JWT carries only a random session token; its SHA-256
 * hash is looked up here on every request, so ending a session takes effect at once.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tokenHash: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** Absolute lifetime: a session never outlives this, however active. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    ip: text(),
    userAgent: text(),
  },
  (t) => [uniqueIndex("sessions_token_hash_unique").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

/**
 * Append-only record of security-relevant actions (a trigger refuses UPDATE and DELETE).
 * No foreign keys: events outlive the users and accounts they mention.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    accountId: uuid(),
    actorUserId: uuid(),
    /** The actor's email at the time, so the event reads well after the user is gone. */
    actorEmail: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_account_idx").on(t.accountId, t.createdAt),
    index("audit_events_actor_idx").on(t.actorUserId, t.createdAt),
  ],
);

/**
 * Fixed-window counters for rate limits, kept in the database so that every app instance
 * sees the same counts. `key` names the limit and its subject, e.g. `sign-in:ada@x.com`.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  count: integer().notNull(),
});

// ─── Types ──────────────────────────────────────────────────────────────────

export type User = typeof users.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type MembershipRole = (typeof membershipRole.enumValues)[number];
