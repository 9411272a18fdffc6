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

/** Turns two-factor on with a code from the new secret; recovery codes are issued; my other sessions end. */
export const confirmEnrolmentAction = userAction(
  confirmEnrolmentSchema,
  async (input, { db, user, session, meta }) =>
    confirmTwoFactorEnrolment(db, user, session.sessionId, input, meta),
);

/** The user has saved their recovery codes: they are not shown again. */
export const acknowledgeRecoveryCodesAction = userAction(z.object({}), async (_input, { db, user }) => {
  await acknowledgeRecoveryCodes(db, user);
  return null;
});

/** Ten new recovery codes; the old ones stop working, and my other sessions end. */
export const renewRecoveryCodesAction = userAction(
  renewRecoveryCodesSchema,
  async ({ code }, { db, user, session, meta }) =>
    renewRecoveryCodes(db, user, session.sessionId, code, meta),
);

/** Turns two-factor off, with the password and a code; my other sessions end. */
export const disableTwoFactorAction = userAction(
  disableTwoFactorSchema,
  async (input, { db, user, session, meta }) => disableTwoFactor(db, user, session.sessionId, input, meta),
);
