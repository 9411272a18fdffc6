import { z } from "zod";
import { OFFERED_PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import { isUuid } from "@/lib/uuid";

/** A role as forms send it: a built-in role's name, or `custom:<id>` for a custom role. */
export const roleChoiceSchema = z
  .string("Choose a role.")
  .refine(
    (v) => ["admin", "member", "guest"].includes(v) || (v.startsWith("custom:") && isUuid(v.slice(7))),
    "Choose a role.",
  );

export const customRoleSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(50, "Use at most 50 characters."),
  description: z.string().trim().max(200, "Use at most 200 characters."),
  permissions: z
    .array(z.enum(OFFERED_PERMISSIONS as [Permission, ...Permission[]]))
    .max(OFFERED_PERMISSIONS.length),
});

export const customRoleIdSchema = z.object({ roleId: z.uuid("Unknown role.") });

export const updateCustomRoleSchema = customRoleSchema.extend(customRoleIdSchema.shape);

export const deleteCustomRoleSchema = customRoleIdSchema.extend({
  /** Where the role's current members go, if any hold it. */
  moveMembersTo: roleChoiceSchema.optional(),
});
