import { z } from "zod";
import { OFFERED_PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import { roleChoiceSchema } from "@/lib/roles/schemas";

const membershipId = z.uuid("Unknown member.");

export const membershipIdSchema = z.object({ membershipId });

export const changeRoleSchema = z.object({ membershipId, role: roleChoiceSchema });

export const permissionSettingSchema = z.enum(["grant", "withdraw", "default"]);

export const memberPermissionsSchema = z.object({
  membershipId,
  settings: z.partialRecord(
    z.enum(OFFERED_PERMISSIONS as [Permission, ...Permission[]]),
    permissionSettingSchema,
  ),
});

export const transferOwnershipSchema = z.object({
  membershipId,
  password: z.string().min(1, "Enter your password to confirm.").max(1024, "That password is too long."),
});
