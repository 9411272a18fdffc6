"use server";

import { memberAction } from "@/lib/actions/action";
import { createCustomRole, deleteCustomRole, updateCustomRole } from "@/lib/roles/custom-roles";
import { customRoleSchema, deleteCustomRoleSchema, updateCustomRoleSchema } from "@/lib/roles/schemas";

/** Defines a custom role: a name, a description and a set of permissions the caller holds. */
export const createCustomRoleAction = memberAction(
  { schema: customRoleSchema, permission: "roles.manage" },
  (input, ctx) => createCustomRole(ctx.db, ctx, input, ctx.meta),
);

/** Edits a custom role; its holders get the new permissions at their next request. */
export const updateCustomRoleAction = memberAction(
  { schema: updateCustomRoleSchema, permission: "roles.manage" },
  async ({ roleId, ...input }, ctx) => {
    await updateCustomRole(ctx.db, ctx, roleId, input, ctx.meta);
    return null;
  },
);

/** Deletes a custom role, first moving any members who hold it to another role. */
export const deleteCustomRoleAction = memberAction(
  { schema: deleteCustomRoleSchema, permission: "roles.manage" },
  async (input, ctx) => {
    await deleteCustomRole(ctx.db, ctx, input.roleId, input.moveMembersTo, ctx.meta);
    return null;
  },
);
