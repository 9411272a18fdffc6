import "server-only";
import { eq } from "drizzle-orm";
import { toString as qrCodeSvg } from "qrcode";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { countUnusedRecoveryCodes, recoveryCodesToShow } from "./recovery-codes";
import { totpUri, unsealTotpSecret } from "./totp";

/** What the two-factor page shows a user about their own setup. */
export async function loadTwoFactorStatus(db: Db, userId: string) {
  const [row] = await db
    .select({
      email: users.email,
      enabledAt: users.twoFactorEnabledAt,
      pending: users.twoFactorPendingSecret,
      codesToShow: users.recoveryCodesToShow,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) return null;
  let enrolment: { secret: string; uri: string; qrSvg: string } | null = null;
  if (!row.enabledAt && row.pending) {
    const secret = unsealTotpSecret(row.pending);
    const uri = totpUri(secret, row.email);
    enrolment = { secret, uri, qrSvg: await qrCodeSvg(uri, { type: "svg", margin: 1 }) };
  }
  return {
    enabledAt: row.enabledAt,
    enrolment,
    recoveryCodesToShow: recoveryCodesToShow(row.codesToShow),
    unusedRecoveryCodes: row.enabledAt ? await countUnusedRecoveryCodes(db, userId) : 0,
  };
}
