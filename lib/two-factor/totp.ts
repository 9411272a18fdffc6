import "server-only";
import { generate, generateSecret, generateURI, verify } from "otplib";
import { seal, unseal } from "@/lib/crypto/seal";

// TOTP (RFC 6238) through otplib: SHA-1, 6 digits, 30-second steps, the usual settings every
// authenticator app understands.

const STEP_SECONDS = 30;
const SEAL_USE = "totp-secret";

export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: "Roster", label: email, secret });
}

export const sealTotpSecret = (secret: string) => seal(SEAL_USE, secret);
export const unsealTotpSecret = (sealed: string) => unseal(SEAL_USE, sealed);

/** The code an authenticator shows at `now` (for tests and the enrolment check). */
export function totpCode(secret: string, now = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

/**
 * The time step a code belongs to, if it is right within one step either way of `now` and
 * later than `afterStep` (the last code accepted): each code is accepted once. Null otherwise.
 */
export async function totpStep(
  secret: string,
  code: string,
  afterStep: number | null,
  now = new Date(),
): Promise<number | null> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: STEP_SECONDS,
    ...(afterStep !== null && { afterTimeStep: afterStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}
