import { z } from "zod";
import { displayNameSchema, shortNameSchema } from "@/lib/accounts/schemas";

// Shared by forms (react-hook-form's zodResolver) and server actions (safeParse).

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like ada@example.com."));

export const newPasswordSchema = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(128, "Use at most 128 characters.");

export const personNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.");

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  shortName: shortNameSchema,
  displayName: displayNameSchema.optional(),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(1024, "That password is too long."),
  callbackUrl: z.string().max(2048).optional(),
});

const linkTokenSchema = z.string().min(1).max(200);
export const currentPasswordSchema = z
  .string()
  .min(1, "Enter your password.")
  .max(1024, "That password is too long.");

/** Confirming an email: signed in as its user, or with that user's password. */
export const verifyEmailSchema = z.object({
  token: linkTokenSchema,
  password: z.string().max(1024, "That password is too long.").optional(),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({ token: linkTokenSchema, password: newPasswordSchema });

export const signOutSchema = z.object({ redirectTo: z.string().max(2048).optional() });

export const usernameSchema = z
  .string()
  .trim()
  .max(40, "Use at most 40 characters.")
  .regex(/^[A-Za-z0-9-]*$/, "Use only letters, digits and dashes.");

/** How a person is shown instead of their full name (optional). */
export const personDisplayNameSchema = z.string().trim().max(100, "Use at most 100 characters.");

export const companySchema = z.string().trim().max(100, "Use at most 100 characters.");

/** My profile: the full name, and optionally a display name, a user name and a company ("" clears them). */
export const profileSchema = z.object({
  name: personNameSchema,
  displayName: personDisplayNameSchema,
  username: usernameSchema,
  company: companySchema,
});

export const changePasswordSchema = z.object({
  currentPassword: currentPasswordSchema,
  newPassword: newPasswordSchema,
});

export const sessionIdSchema = z.object({ sessionId: z.uuid("Unknown session.") });

export const emailChangeSchema = z.object({ newEmail: emailSchema, password: currentPasswordSchema });

export const confirmEmailChangeSchema = z.object({ token: linkTokenSchema });
