import { z } from "zod";
import { OFFERED_PERMISSIONS, type Permission } from "@/lib/permissions/permissions";
import { optionalProjectKeysSchema, projectRoleSchema } from "@/lib/projects/schemas";
import { roleChoiceSchema } from "@/lib/roles/schemas";
import {
  companySchema,
  emailSchema,
  personDisplayNameSchema,
  personNameSchema,
  usernameSchema,
} from "@/lib/users/schemas";

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

/** A person's user name, display name and company, as an administrator edits them ("" clears one). */
export const personDetailsSchema = z.object({
  username: usernameSchema,
  displayName: personDisplayNameSchema,
  company: companySchema,
});

export const editPersonSchema = personDetailsSchema.extend({ membershipId });

export const transferOwnershipSchema = z.object({
  membershipId,
  password: z.string().min(1, "Enter your password to confirm.").max(1024, "That password is too long."),
});

/** A checkbox: a form posts "on" when it is ticked and nothing when not; the form library, a boolean. */
const checkboxSchema = z
  .union([z.literal("on"), z.boolean()])
  .optional()
  .transform((value) => value === "on" || value === true);

/** "New user": a person an administrator adds directly (lib/members/add-person.ts). */
export const addPersonSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  username: usernameSchema,
  displayName: personDisplayNameSchema,
  company: companySchema,
  role: roleChoiceSchema,
  projectKeys: optionalProjectKeysSchema,
  projectRole: projectRoleSchema.default("viewer"),
  sendWelcome: checkboxSchema,
  welcomeSubject: z
    .string()
    .trim()
    .max(150, "Use at most 150 characters.")
    .regex(/^[^\r\n]*$/, "Keep the subject on one line."),
  bccMe: checkboxSchema,
});

/** "Log in as": whom, and why (kept in the audit log). */
export const impersonateSchema = z.object({
  membershipId,
  reason: z
    .string()
    .trim()
    .min(3, "Say why you need to act as them: it is kept in the audit log.")
    .max(500, "Use at most 500 characters."),
});
