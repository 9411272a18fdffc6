import { z } from "zod";
import { currentPasswordSchema } from "@/lib/users/schemas";

// Shared by forms (react-hook-form's zodResolver) and server actions (safeParse).

/** A 6-digit code from the authenticator app, or a recovery code (both checked on the server). */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(1, "Enter the 6-digit code from your authenticator app.")
  .max(32, "That code is too long.");

export const authenticatorCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{3} ?\d{3}$/, "Enter the 6-digit code from your authenticator app.");

export const signInCodeSchema = z.object({
  code: secondFactorCodeSchema,
  callbackUrl: z.string().max(2048).optional(),
});

export const confirmEnrolmentSchema = z.object({
  password: currentPasswordSchema,
  code: authenticatorCodeSchema,
});

export const disableTwoFactorSchema = z.object({
  password: currentPasswordSchema,
  code: secondFactorCodeSchema,
});

export const renewRecoveryCodesSchema = z.object({ code: secondFactorCodeSchema });
