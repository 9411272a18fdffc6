import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  foreignKey,
  primaryKey,
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

/** What a person may do in one project (lib/projects/project-roles.ts says what each allows). */
export const projectRole = pgEnum("project_role", ["viewer", "editor", "manager"]);

/** An invitation that is `pending` past its `expires_at` is expired (and can be renewed). */
export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "revoked"]);

/** `queued` also covers a send that failed and waits for its retry; `failed` is final. */
export const emailStatus = pgEnum("email_status", ["queued", "sending", "sent", "failed"]);

/** What a single-use emailed link is for; each purpose has its own lifetime (lib/users/user-tokens.ts). */
export const userTokenPurpose = pgEnum("user_token_purpose", [
  "verify_email",
  "reset_password",
  "change_email",
  "set_password",
  "two_factor_sign_in",
]);

// ─── Tables ─────────────────────────────────────────────────────────────────

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: citext().notNull(),
    /** The full name. */
    name: text().notNull(),
    /** How the user is shown in the app when set (else `name`). */
    displayName: text(),
    /** Optional handle: letters, digits and dashes, unique case-insensitively. */
    username: citext(),
    /** Where the person works, as they or an administrator wrote it (optional). */
    company: text(),
    passwordHash: text(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    /** The TOTP secret, sealed (lib/crypto/seal.ts); set while two-factor is on. */
    twoFactorSecret: text(),
    twoFactorEnabledAt: timestamp({ withTimezone: true }),
    /** The last TOTP time step accepted: a code is good once, so only later steps pass. */
    twoFactorLastStep: integer(),
    /** A secret being enrolled (shown as a QR code), sealed, until a code from it confirms it. */
    twoFactorPendingSecret: text(),
    /** Recovery codes just issued, sealed, shown on the two-factor page until the user has saved them. */
    recoveryCodesToShow: text(),
    /** When the user last signed in or used a session (kept by a trigger on sessions, at most every few minutes). */
    lastActiveAt: timestamp({ withTimezone: true }),
    /** Where `/` sends this user: the account they used last. */
    lastAccountId: uuid().references((): AnyPgColumn => accounts.id, { onDelete: "set null" }),
    /** The account whose administrator made this user ("New user"); null for those who signed up. */
    createdInAccountId: uuid().references((): AnyPgColumn => accounts.id, { onDelete: "set null" }),
    /** A platform operator looks after the whole installation (`/admin`); not an account role. */
    isPlatformOperator: boolean().notNull().default(false),
    /** Set while a platform operator has disabled this user everywhere: they cannot sign in or use a session. */
    disabledAt: timestamp({ withTimezone: true }),
    disabledByUserId: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    /** What the console's search matches (name, email, user name), lower case, for a trigram index. */
    searchText: text()
      .notNull()
      .generatedAlwaysAs(sql`lower(name || ' ' || email::text || ' ' || coalesce(username::text, ''))`),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_username_unique")
      .on(t.username)
      .where(sql`${t.username} IS NOT NULL`),
    check("users_username_format", sql`${t.username} ~ '^[A-Za-z0-9-]{1,40}$'`),
    index("users_unverified_idx")
      .on(t.createdAt)
      .where(sql`${t.emailVerifiedAt} IS NULL`),
    index("users_name_idx").on(t.name, t.id),
    index("users_created_idx").on(t.createdAt, t.id),
    index("users_search_idx").using("gin", t.searchText.op("gin_trgm_ops")),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Immutable: it is the account's URL (`/a/<short-name>`). */
    shortName: text().notNull(),
    displayName: text().notNull(),
    plan: text().notNull().default("free"),
    /** How many memberships the account has, kept by database triggers (a count without counting). */
    memberCount: integer().notNull().default(0),
    /** Set by the owner: members with administrative permissions must use two-factor here. */
    requireTwoFactorForAdmins: boolean().notNull().default(false),
    /** Set by an administrator: people who join wait until someone with `members.approve` approves them. */
    requireApproval: boolean().notNull().default(false),
    /** The role people added directly or by join link get, unless the adder picks another (Member when unset). */
    defaultRole: membershipRole(),
    /** Set exactly when `defaultRole` is `custom`; a role that is the default cannot be deleted. */
    defaultCustomRoleId: uuid().references((): AnyPgColumn => customRoles.id, { onDelete: "restrict" }),
    /** The join link's code (`/join/<code>`), hashed for the lookup; null while the link is off. */
    joinCodeHash: text(),
    /** The same code sealed (lib/crypto/seal.ts), so that administrators can see and copy the link. */
    joinCodeSealed: text(),
    /** Email domains the join link accepts (lower case, e.g. `acme.com`); empty: any. */
    joinDomains: text().array().notNull().default(sql`'{}'::text[]`),
    /** People who join by the link wait for approval, whatever `requireApproval` says. */
    joinRequiresApproval: boolean().notNull().default(false),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("accounts_short_name_unique").on(t.shortName),
    uniqueIndex("accounts_join_code_hash_unique").on(t.joinCodeHash),
    check(
      "accounts_default_role",
      sql`${t.defaultRole} <> 'owner' AND (${t.defaultRole} = 'custom') = (${t.defaultCustomRoleId} IS NOT NULL) OR ${t.defaultRole} IS NULL AND ${t.defaultCustomRoleId} IS NULL`,
    ),
    check("accounts_plan_known", sql`${t.plan} IN ('free', 'team', 'business')`),
    check(
      "accounts_short_name_format",
      sql`${t.shortName} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(${t.shortName}) BETWEEN 3 AND 32`,
    ),
  ],
);

/**
 * Short names taken for a while though no account has them. A sign-up with an address that
 * already has a user creates nothing, yet takes the short name it asked for, for as long as
 * an unconfirmed sign-up's account would live: the name being taken afterwards tells nobody
 * whether the address had a user (lib/accounts/short-name-holds.ts). Creating an account
 * passes through this table too (a row it drops again before committing), so a hold and an
 * account on one name are ordered by this primary key.
 */
export const shortNameHolds = pgTable(
  "short_name_holds",
  {
    shortName: citext().primaryKey(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("short_name_holds_expires_idx").on(t.expiresAt)],
);

/**
 * An account's own roles: a name and a set of permissions (e.g. "Manager", "Customer",
 * "Vendor"), beside the built-in ones. `permissions` holds names from lib/permissions.
 */
export const customRoles = pgTable(
  "custom_roles",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: citext().notNull(),
    description: text().notNull().default(""),
    permissions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("custom_roles_account_name_unique").on(t.accountId, t.name),
    // Lets memberships and invitations point at a role of their own account only.
    uniqueIndex("custom_roles_account_id_unique").on(t.accountId, t.id),
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
    /** Set exactly when `role` is `custom`; a role in use cannot be deleted. */
    customRoleId: uuid(),
    // Copies of the user's name and email, kept by database triggers, so that an account's
    // member list sorts and searches on its own indexes, however many users there are.
    memberName: text().notNull().default(""),
    memberEmail: citext().notNull().default(""),
    /** '' when the user has none, so that sorting needs no NULL handling. */
    memberUsername: citext().notNull().default(""),
    memberCompany: text().notNull().default(""),
    /** '-infinity' until the user is first active, so that "last active" sorts with one index and no NULLs. */
    memberLastActiveAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`'-infinity'`),
    searchText: text()
      .notNull()
      .generatedAlwaysAs(
        sql`lower(member_name || ' ' || member_email || ' ' || member_username || ' ' || member_company)`,
      ),
    /** What the people table shows and filters by; 'active' < 'awaiting' < 'disabled' is also its sort order. */
    status: text()
      .notNull()
      .generatedAlwaysAs(
        sql`CASE WHEN disabled_at IS NOT NULL THEN 'disabled' WHEN awaiting_approval_since IS NOT NULL THEN 'awaiting' ELSE 'active' END`,
      ),
    /** Who brought the person in: the inviter, or the administrator who added them; null for the account's creator. */
    addedByUserId: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    /** Set while an administrator has disabled this membership: the person cannot open the account. */
    disabledAt: timestamp({ withTimezone: true }),
    disabledByUserId: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    /** Set while the person waits for approval (they joined while the account required it). */
    awaitingApprovalSince: timestamp({ withTimezone: true }),
    approvedAt: timestamp({ withTimezone: true }),
    approvedByUserId: uuid().references((): AnyPgColumn => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("memberships_account_user_unique").on(t.accountId, t.userId),
    // At most one owner per account; ownership moves inside one transaction.
    uniqueIndex("memberships_one_owner")
      .on(t.accountId)
      .where(sql`${t.role} = 'owner'`),
    // The target of composite foreign keys: a row pointing at a membership names its account too.
    uniqueIndex("memberships_account_id_unique").on(t.accountId, t.id),
    index("memberships_user_idx").on(t.userId),
    index("memberships_account_name_idx").on(t.accountId, t.memberName, t.id),
    index("memberships_account_role_idx").on(t.accountId, t.role, t.memberName, t.id),
    index("memberships_account_joined_idx").on(t.accountId, t.createdAt, t.id),
    index("memberships_account_email_idx").on(t.accountId, t.memberEmail, t.id),
    index("memberships_account_username_idx").on(
      t.accountId,
      sql`(${t.memberUsername} = '')`,
      t.memberUsername,
      t.memberName,
      t.id,
    ),
    index("memberships_account_company_idx").on(
      t.accountId,
      sql`(${t.memberCompany} = '')`,
      t.memberCompany,
      t.memberName,
      t.id,
    ),
    index("memberships_account_status_idx").on(t.accountId, t.status, t.memberName, t.id),
    index("memberships_account_last_active_idx").on(t.accountId, t.memberLastActiveAt, t.id),
    index("memberships_search_idx").using("gin", t.accountId, t.searchText.op("gin_trgm_ops")),
    index("memberships_custom_role_idx").on(t.customRoleId),
    foreignKey({
      name: "memberships_custom_role_fk",
      columns: [t.accountId, t.customRoleId],
      foreignColumns: [customRoles.accountId, customRoles.id],
    }).onDelete("restrict"),
    check("memberships_custom_role_set", sql`(${t.role} = 'custom') = (${t.customRoleId} IS NOT NULL)`),
    check("memberships_owner_not_disabled", sql`${t.role} <> 'owner' OR ${t.disabledAt} IS NULL`),
    check("memberships_owner_not_awaiting", sql`${t.role} <> 'owner' OR ${t.awaitingApprovalSince} IS NULL`),
  ],
);

/** Per-member exceptions to the role: a permission granted (true) or withdrawn (false). */
export const membershipPermissionOverrides = pgTable(
  "membership_permission_overrides",
  {
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    membershipId: uuid()
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    permission: text().notNull(),
    granted: boolean().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.membershipId, t.permission] })],
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
    /** "Log in as": the administrator acting as `userId` in this session, set only on such a session. */
    impersonatorUserId: uuid().references(() => users.id, { onDelete: "cascade" }),
    /** The account the administrator acts in. */
    impersonationAccountId: uuid().references(() => accounts.id, { onDelete: "cascade" }),
    /** Why, as the administrator wrote it (audit-logged). */
    impersonationReason: text(),
    /** The administrator's own session, resumed when they stop. */
    resumeSessionId: uuid().references((): AnyPgColumn => sessions.id, { onDelete: "cascade" }),
  },
  (t) => [
    uniqueIndex("sessions_token_hash_unique").on(t.tokenHash),
    index("sessions_user_idx").on(t.userId),
    check(
      "sessions_impersonation_complete",
      sql`(${t.impersonatorUserId} IS NULL) = (${t.impersonationAccountId} IS NULL) AND (${t.impersonatorUserId} IS NULL) = (${t.resumeSessionId} IS NULL)`,
    ),
  ],
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
    /** Set when the actor was an administrator acting as someone ("log in as"): who really acted. */
    impersonatorUserId: uuid(),
    impersonatorEmail: text(),
    /** The person the event is about, when it is about a person (a member, an invitee who has a user): the log's "person" filter. */
    targetUserId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [
    // Each filter of the audit log pages newest first by (created_at, id) within one account.
    index("audit_events_account_idx").on(t.accountId, t.createdAt, t.id),
    index("audit_events_account_actor_idx").on(t.accountId, t.actorUserId, t.createdAt, t.id),
    index("audit_events_account_target_user_idx").on(t.accountId, t.targetUserId, t.createdAt, t.id),
    index("audit_events_account_action_idx").on(t.accountId, t.action, t.createdAt, t.id),
    index("audit_events_actor_idx").on(t.actorUserId, t.createdAt),
  ],
);

/**
 * Fixed-window counters for rate limits, kept in the database so that every app instance
 * sees the same counts. `key` names the limit and its subject, e.g. `sign-in:ada@x.com`.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull(),
    /** The latest attempt counted, for delays that grow with each failure. */
    lastHitAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rate_limits_last_hit_idx").on(t.lastHitAt)],
);

/**
 * Single-use links sent to a user's email (verify the address, and later: reset a password,
 * confirm a new address). Only the SHA-256 hash of the token is stored.
 */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: userTokenPurpose().notNull(),
    /** The address the link was sent to (a link proves only that address). */
    email: citext().notNull(),
    tokenHash: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("user_tokens_token_hash_unique").on(t.tokenHash),
    index("user_tokens_user_idx").on(t.userId, t.purpose),
  ],
);

/** A space inside an account where people work; `key` (like `WEB`) is its address. */
export const projects = pgTable(
  "projects",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    key: citext().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    archivedAt: timestamp({ withTimezone: true }),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_account_key_unique").on(t.accountId, t.key),
    uniqueIndex("projects_account_id_unique").on(t.accountId, t.id),
    index("projects_account_name_idx").on(t.accountId, t.name, t.id),
    check("projects_key_format", sql`${t.key} ~ '^[A-Za-z][A-Za-z0-9]{1,9}$'`),
  ],
);

/**
 * Who may work in a project, and as what. Composite keys tie the project and the membership
 * to the same account, so a grant can never cross accounts; removing a member removes them.
 */
export const projectMembers = pgTable(
  "project_members",
  {
    accountId: uuid().notNull(),
    projectId: uuid().notNull(),
    membershipId: uuid().notNull(),
    role: projectRole().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.membershipId] }),
    index("project_members_membership_idx").on(t.membershipId),
    foreignKey({
      name: "project_members_project_fk",
      columns: [t.accountId, t.projectId],
      foreignColumns: [projects.accountId, projects.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "project_members_membership_fk",
      columns: [t.accountId, t.membershipId],
      foreignColumns: [memberships.accountId, memberships.id],
    }).onDelete("cascade"),
  ],
);

/** A Git repository the account keeps a record of; `name` (unique in the account) is its address. */
export const repositories = pgTable(
  "repositories",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: citext().notNull(),
    /** Where it is cloned from: an https or ssh Git URL (lib/repositories/schemas.ts). */
    cloneUrl: text().notNull(),
    defaultBranch: text().notNull().default("main"),
    description: text().notNull().default(""),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("repositories_account_name_unique").on(t.accountId, t.name),
    uniqueIndex("repositories_account_id_unique").on(t.accountId, t.id),
    check("repositories_name_format", sql`${t.name} ~ '^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$'`),
  ],
);

/** Which repositories a project works on; both ends in the same account, by composite keys. */
export const projectRepositories = pgTable(
  "project_repositories",
  {
    accountId: uuid().notNull(),
    projectId: uuid().notNull(),
    repositoryId: uuid().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.repositoryId] }),
    index("project_repositories_repository_idx").on(t.repositoryId),
    foreignKey({
      name: "project_repositories_project_fk",
      columns: [t.accountId, t.projectId],
      foreignColumns: [projects.accountId, projects.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "project_repositories_repository_fk",
      columns: [t.accountId, t.repositoryId],
      foreignColumns: [repositories.accountId, repositories.id],
    }).onDelete("cascade"),
  ],
);

/** Single-use codes that stand in for the authenticator app; only their hashes are kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    createdAt: createdAt(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("recovery_codes_user_code_unique").on(t.userId, t.codeHash)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: citext().notNull(),
    role: membershipRole().notNull(),
    customRoleId: uuid(),
    /** Hash of the current link's token; resending replaces it, so the old link dies. */
    tokenHash: text().notNull(),
    status: invitationStatus().notNull().default("pending"),
    invitedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    /** When the current link was issued (the first send, or the latest resend). */
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    sendCount: integer().notNull().default(1),
    /** The outbox row of the latest email, for its delivery status. */
    lastEmailId: uuid().references((): AnyPgColumn => emailOutbox.id, { onDelete: "set null" }),
    respondedAt: timestamp({ withTimezone: true }),
    /** Who accepted, declined or revoked it. */
    respondedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Asked for by the invitee through the account's join link (no inviter). */
    viaJoinLink: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_unique").on(t.tokenHash),
    uniqueIndex("invitations_account_id_unique").on(t.accountId, t.id),
    // One open invitation per address and account: a second invite is "already invited".
    uniqueIndex("invitations_one_pending_per_email")
      .on(t.accountId, t.email)
      .where(sql`${t.status} = 'pending'`),
    index("invitations_account_idx").on(t.accountId, t.status, t.createdAt),
    index("invitations_email_idx")
      .on(t.email)
      .where(sql`${t.status} = 'pending'`),
    check("invitations_role_not_owner", sql`${t.role} <> 'owner'`),
    check("invitations_custom_role_set", sql`(${t.role} = 'custom') = (${t.customRoleId} IS NOT NULL)`),
    foreignKey({
      name: "invitations_custom_role_fk",
      columns: [t.accountId, t.customRoleId],
      foreignColumns: [customRoles.accountId, customRoles.id],
    }).onDelete("restrict"),
  ],
);

/**
 * Project access an invitation carries: granted, in the same transaction, when it is accepted.
 * A project deleted meanwhile simply drops out (cascade).
 */
export const invitationProjects = pgTable(
  "invitation_projects",
  {
    accountId: uuid().notNull(),
    invitationId: uuid().notNull(),
    projectId: uuid().notNull(),
    role: projectRole().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.invitationId, t.projectId] }),
    index("invitation_projects_project_idx").on(t.projectId),
    foreignKey({
      name: "invitation_projects_invitation_fk",
      columns: [t.accountId, t.invitationId],
      foreignColumns: [invitations.accountId, invitations.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "invitation_projects_project_fk",
      columns: [t.accountId, t.projectId],
      foreignColumns: [projects.accountId, projects.id],
    }).onDelete("cascade"),
  ],
);

/**
 * The transactional outbox: a row that needs an email and the email commit together, and a
 * worker delivers it. The body is sealed (encrypted with a key derived from AUTH_SECRET)
 * because it can carry a single-use link.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    accountId: uuid().references(() => accounts.id, { onDelete: "cascade" }),
    /** The React Email template, e.g. `invitation`. */
    template: text().notNull(),
    to: text().notNull(),
    bcc: text(),
    subject: text().notNull(),
    /** Sealed `{ html, text }`; cleared once a provider has accepted the email. */
    sealedBody: text(),
    status: emailStatus().notNull().default("queued"),
    attempts: integer().notNull().default(0),
    /** When a queued email is due; while `sending`, when the sender's lease runs out. */
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    /** `resend` or `mailbox` (the local development mailbox). */
    transport: text(),
    providerMessageId: text(),
    createdAt: createdAt(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("email_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} IN ('queued', 'sending')`),
    index("email_outbox_mailbox_idx")
      .on(t.createdAt)
      .where(sql`${t.transport} = 'mailbox'`),
  ],
);

// ─── Types ──────────────────────────────────────────────────────────────────

export type User = typeof users.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type CustomRole = typeof customRoles.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type MembershipRole = (typeof membershipRole.enumValues)[number];
export type ProjectRole = (typeof projectRole.enumValues)[number];
export type EmailStatus = (typeof emailStatus.enumValues)[number];
