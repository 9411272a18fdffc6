"use server";

import { z } from "zod";
import { userAction } from "@/lib/actions/action";
import {
  cancelTwoFactorEnrolment,
  confirmTwoFactorEnrolment,
  startTwoFactorEnrolment,
} from "@/lib/two-factor/enrolment";
import { acknowledgeRecoveryCodes, disableTwoFactor, renewRecoveryCodes } from "@/lib/two-factor/manage";
import {
  confirmEnrolmentSchema,
  disableTwoFactorSchema,
  renewRecoveryCodesSchema,
} from "@/lib/two-factor/schemas";

/** Starts setting up two-factor: a new secret is shown as a QR code. */
export const startEnrolmentAction = userAction(z.object({}), async (_input, { db, user }) => {
  await startTwoFactorEnrolment(db, user);
  return null;
});

/** Gives up a setup that was never confirmed. */
export const cancelEnrolmentAction = userAction(z.object({}), async (_input, { db, user }) => {
  await cancelTwoFactorEnrolment(db, user);
  return null;
});

/** Turns two-factor on with a code from the new secret; recovery codes are issued. */
export const confirmEnrolmentAction = userAction(
  confirmEnrolmentSchema,
  async (input, { db, user, meta }) => {
    await confirmTwoFactorEnrolment(db, user, input, meta);
    return null;
  },
);

/** The user has saved their recovery codes: they are not shown again. */
export const acknowledgeRecoveryCodesAction = userAction(z.object({}), async (_input, { db, user }) => {
  await acknowledgeRecoveryCodes(db, user);
  return null;
});

/** Ten new recovery codes; the old ones stop working. */
export const renewRecoveryCodesAction = userAction(
  renewRecoveryCodesSchema,
  async ({ code }, { db, user, meta }) => {
    await renewRecoveryCodes(db, user, code, meta);
    return null;
  },
);

/** Turns two-factor off, with the password and a code. */
export const disableTwoFactorAction = userAction(
  disableTwoFactorSchema,
  async (input, { db, user, meta }) => {
    await disableTwoFactor(db, user, input, meta);
    return null;
  },
);
