/**
 * Every permission in Roster, declared once. A permission is `resource.action`; the label is
 * what the member page shows beside its switch.
 */
export const PERMISSIONS = {
  "members.read": "See the member list",
  "members.invite": "Invite people",
  "members.manage": "Change roles and remove members",
  "members.approve": "Approve new members",
  "members.impersonate": "Log in as a member",
  "roles.manage": "Create and edit custom roles",
  "projects.create": "Create projects",
  "projects.manage": "Manage every project",
  "repositories.manage": "Manage repositories",
  "audit.read": "Read the audit log",
  "billing.manage": "Change the subscription plan",
  "account.manage": "Change account settings",
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/**
 * The permissions some feature checks today: only these are offered as switches (member page,
 * role forms) and accepted from a form. The others are declared for what comes next
 * (plans) and stay out of sight until a feature stands behind them.
 */
export const OFFERED_PERMISSIONS: readonly Permission[] = [
  "members.read",
  "members.invite",
  "members.manage",
  "members.approve",
  "members.impersonate",
  "roles.manage",
  "projects.create",
  "projects.manage",
  "repositories.manage",
  "audit.read",
  "account.manage",
  "billing.manage",
];

/**
 * The permissions that open the account's people and roles pages; each page then shows what
 * each of them allows, so that no offered permission is a switch without a page to use it on.
 * Changing or approving people cannot be done blind: those permissions see the people too.
 */
export const SEES_PEOPLE: readonly Permission[] = ["members.read", "members.manage", "members.approve"];
/** The Members page: the people (to those who see them) and the invite form (to those who invite). */
export const OPENS_MEMBERS_PAGE: readonly Permission[] = [...SEES_PEOPLE, "members.invite"];
/** The Roles page: read by those who see the member list, edited by those who manage roles. */
export const OPENS_ROLES_PAGE: readonly Permission[] = ["members.read", "roles.manage"];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/**
 * Permissions that administer an account (people, roles, projects, settings, billing, the
 * audit log): an account can require two-factor of everyone holding any of them.
 */
export const ADMINISTRATIVE_PERMISSIONS: readonly Permission[] = ALL_PERMISSIONS.filter(
  (permission) => permission !== "members.read" && permission !== "projects.create",
);

export function holdsAdministrativePermission(permissions: ReadonlySet<Permission>) {
  return ADMINISTRATIVE_PERMISSIONS.some((permission) => permissions.has(permission));
}
