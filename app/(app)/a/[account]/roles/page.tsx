import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireMember } from "@/lib/auth/current";
import { can, canAny } from "@/lib/permissions/can";
import {
  ALL_PERMISSIONS,
  OFFERED_PERMISSIONS,
  OPENS_ROLES_PAGE,
  PERMISSIONS,
} from "@/lib/permissions/permissions";
import { BUILT_IN_ROLES } from "@/lib/permissions/roles";
import { listRoleOptions } from "@/lib/roles/choice";
import { listCustomRoles } from "@/lib/roles/custom-roles";
import { CustomRoleCard, NewRoleForm, type PermissionChoice } from "./role-forms";

export const metadata: Metadata = { title: "Roles" };

/** The account's roles: the built-in ones, and custom roles that administrators define. */
export default async function RolesPage({ params }: PageProps<"/a/[account]/roles">) {
  const ctx = await requireMember((await params).account);
  // Read by those who see the member list, used by those who manage roles; 404 to anyone else.
  if (!canAny(ctx, OPENS_ROLES_PAGE)) notFound();
  const db = await getDb();
  const canManage = can(ctx, "roles.manage");
  const [customRoles, roleOptions] = await Promise.all([
    listCustomRoles(db, ctx.account.id),
    listRoleOptions(db, ctx.account.id, ctx),
  ]);
  const permissionChoices: PermissionChoice[] = OFFERED_PERMISSIONS.map((permission) => ({
    permission,
    label: PERMISSIONS[permission],
    holdable: ctx.permissions.has(permission),
  }));

  return (
    <div className="space-y-8">
      <section aria-labelledby="custom-roles-heading">
        <h2 id="custom-roles-heading" className="mb-1 text-lg font-semibold">
          Custom roles
        </h2>
        <p className="mb-3 text-sm text-zinc-600">
          Named sets of permissions for the people who are neither administrators nor ordinary members — a
          manager, a customer, a vendor.
        </p>
        {customRoles.length === 0 ? (
          <Card className="p-6 text-center text-sm text-zinc-600">No custom roles yet.</Card>
        ) : (
          <ul className="space-y-3" aria-label="Custom roles">
            {customRoles.map((role) => (
              <li key={role.id}>
                <CustomRoleCard
                  account={ctx.account.shortName}
                  role={role}
                  permissionChoices={permissionChoices}
                  canManage={canManage}
                  moveTargets={roleOptions.filter((r) => r.grantable && r.value !== `custom:${role.id}`)}
                />
              </li>
            ))}
          </ul>
        )}
        {canManage && (
          <Card className="mt-4 p-6">
            <h3 className="mb-4 font-semibold">New role</h3>
            <NewRoleForm account={ctx.account.shortName} permissionChoices={permissionChoices} />
          </Card>
        )}
      </section>

      <section aria-labelledby="built-in-heading">
        <h2 id="built-in-heading" className="mb-3 text-lg font-semibold">
          Built-in roles
        </h2>
        <Card>
          <ul className="divide-y divide-zinc-100" aria-label="Built-in roles">
            {(["owner", "admin", "member", "guest"] as const).map((role) => (
              <li key={role} className="px-5 py-4">
                <p className="font-medium">{BUILT_IN_ROLES[role].label}</p>
                <p className="text-sm text-zinc-600">{BUILT_IN_ROLES[role].description}</p>
                <p className="mt-1 text-xs text-zinc-500">
                  {BUILT_IN_ROLES[role].permissions.length === ALL_PERMISSIONS.length
                    ? "Every permission"
                    : BUILT_IN_ROLES[role].permissions
                        .filter((p) => OFFERED_PERMISSIONS.includes(p))
                        .map((p) => PERMISSIONS[p])
                        .join(" · ")}
                </p>
              </li>
            ))}
          </ul>
        </Card>
      </section>
    </div>
  );
}
