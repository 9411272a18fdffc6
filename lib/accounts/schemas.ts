import { z } from "zod";
import { roleChoiceSchema } from "@/lib/roles/schemas";

/** Words that name the app's own routes or could pass for them: no account may take them. */
export const RESERVED_SHORT_NAMES: ReadonlySet<string> = new Set(
  `about account accounts admin administrator api app assets auth billing blog dashboard dev docs
   help invite invitations login logout mail mailbox new null owner password pricing profile public
   register reset-password root roster security settings sign-in sign-out sign-up signin signout
   signup static status support system undefined verify-email www`.split(/\s+/),
);

export const shortNameSchema = z
  .string()
  .trim()
  .min(3, "Use at least 3 characters.")
  .max(32, "Use at most 32 characters.")
  .regex(/^[a-z0-9-]+$/, "Use only lowercase letters, digits and dashes.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Dashes go between letters or digits, one at a time.")
  .refine((name) => !RESERVED_SHORT_NAMES.has(name), "This name is reserved. Choose another one.");

export const displayNameSchema = z.string().trim().max(100, "Use at most 100 characters.");

export const newAccountSchema = z.object({
  shortName: shortNameSchema,
  displayName: displayNameSchema.optional(),
});

export const accountSettingsSchema = z.object({
  displayName: displayNameSchema.min(1, "Enter a display name."),
});

/** The owner's switch: require two-factor of everyone with administrative permissions. */
export const twoFactorRequirementSchema = z.object({
  required: z.enum(["true", "false"], "Choose whether two-factor is required."),
});

export const approvalRequirementSchema = z.object({
  required: z.enum(["true", "false"], "Choose whether new people need approval."),
});

/** The role people added directly get unless the adder picks another. */
export const defaultRoleSchema = z.object({ role: roleChoiceSchema });
