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

/** The join link's switch: turn it on, make a new code (the old link dies), or turn it off. */
export const joinLinkChangeSchema = z.object({
  change: z.enum(["on", "regenerate", "off"], "Choose what to do with the join link."),
});

export const MAX_JOIN_DOMAINS = 20;

const DOMAIN_FORMAT = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Email domains typed as a list (commas, semicolons, spaces or new lines; `@acme.com` is read as
 * `acme.com`): lower-cased, without duplicates, each a plain domain name. Empty: any domain.
 */
export const joinDomainsSchema = z
  .string()
  .max(5_000, "That is too much text.")
  .transform((raw, ctx) => {
    const domains = [
      ...new Set(
        raw
          .split(/[\s,;]+/)
          .map((part) => part.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, ""))
          .filter(Boolean),
      ),
    ];
    const invalid = domains.filter((domain) => !DOMAIN_FORMAT.test(domain));
    if (invalid.length > 0) {
      ctx.addIssue({
        code: "custom",
        message: `Not a domain name: ${invalid.slice(0, 3).join(", ")}. Enter domains like acme.com.`,
      });
      return z.NEVER;
    }
    if (domains.length > MAX_JOIN_DOMAINS) {
      ctx.addIssue({ code: "custom", message: `Enter at most ${MAX_JOIN_DOMAINS} domains.` });
      return z.NEVER;
    }
    return domains;
  });

/** A checkbox: a form posts "on" when it is ticked and nothing when not; the form library, a boolean. */
const checkboxSchema = z
  .union([z.literal("on"), z.boolean()])
  .optional()
  .transform((value) => value === "on" || value === true);

/** Who may use the join link, and whether they wait for approval. */
export const joinLinkSettingsSchema = z.object({
  domains: joinDomainsSchema,
  requiresApproval: checkboxSchema,
});
