import "server-only";
import { createElement } from "react";
import type { Db } from "@/db/client";
import TwoFactorChanged, { twoFactorChangedSubject, type TwoFactorChange } from "@/emails/two-factor-changed";
import { config } from "@/lib/config";
import { sendEmail } from "@/lib/email/outbox";

/** Tells the user by email that their two-factor setup changed (in the change's transaction). */
export function notifyTwoFactorChange(
  tx: Db,
  user: { email: string; name: string },
  change: TwoFactorChange,
) {
  return sendEmail(tx, {
    template: `two-factor-${change.replaceAll("_", "-")}`,
    to: user.email,
    subject: twoFactorChangedSubject(change),
    react: createElement(TwoFactorChanged, {
      name: user.name,
      change,
      resetUrl: `${config.appUrl()}/forgot-password`,
    }),
  });
}
