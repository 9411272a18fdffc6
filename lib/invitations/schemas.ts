import { z } from "zod";
import { optionalProjectKeysSchema, projectRoleSchema } from "@/lib/projects/schemas";
import { roleChoiceSchema } from "@/lib/roles/schemas";
import { emailSchema, newPasswordSchema, personNameSchema } from "@/lib/users/schemas";

export const MAX_INVITES_PER_BATCH = 50;

const emailFormat = z.email();

/**
 * Splits pasted addresses (commas, semicolons, spaces, new lines; `Name <a@b.c>` is read as
 * the address), drops case-insensitive duplicates, and sorts out what is not an address.
 * The invite form shows this review before anything is sent; the server parses again.
 */
export function parseEmailList(raw: string): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  const candidates = raw
    .replace(/[^\s,;<>]*<([^<>\s]+)>/g, " $1 ")
    .split(/[\s,;<>]+/)
    .map((part) => part.trim().replace(/^mailto:/i, ""))
    .filter(Boolean);
  for (const candidate of candidates) {
    const key = candidate.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    (candidate.length <= 254 && emailFormat.safeParse(candidate).success ? valid : invalid).push(candidate);
  }
  return { valid, invalid };
}

export const inviteSchema = z.object({
  emails: z
    .string()
    // Stops here when too long: splitting 250 KB of text into addresses takes half a minute.
    .max(20_000, { message: "That is too much text; invite at most 50 people at a time.", abort: true })
    .superRefine((raw, ctx) => {
      const { valid, invalid } = parseEmailList(raw);
      if (valid.length === 0 && invalid.length === 0)
        ctx.addIssue({ code: "custom", message: "Enter at least one email address." });
      else if (valid.length + invalid.length > MAX_INVITES_PER_BATCH) {
        ctx.addIssue({
          code: "custom",
          message: `Invite at most ${MAX_INVITES_PER_BATCH} people at a time.`,
        });
      }
    }),
  role: roleChoiceSchema,
  /** Projects the invitation gives access to on acceptance, all with `projectRole`. */
  projectKeys: optionalProjectKeysSchema,
  projectRole: projectRoleSchema.default("viewer"),
});

const tokenSchema = z.string().min(1).max(200);

export const invitationTokenSchema = z.object({ token: tokenSchema });

export const acceptAsNewUserSchema = z.object({
  token: tokenSchema,
  name: personNameSchema,
  password: newPasswordSchema,
});

export const acceptWithSignInSchema = z.object({
  token: tokenSchema,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
});

export const invitationIdSchema = z.object({ invitationId: z.uuid("Unknown invitation.") });

/** Someone asks to join an account through its join link (`/join/<code>`). */
export const joinRequestSchema = z.object({
  code: z.string().min(1).max(200),
  email: emailSchema,
});
