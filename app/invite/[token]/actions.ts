"use server";

import { redirect } from "next/navigation";
import { publicAction, userAction } from "@/lib/actions/action";
import { startSession } from "@/lib/auth/start-session";
import { AppError } from "@/lib/errors";
import {
  acceptInvitationAsNewUser,
  acceptInvitationByToken,
  declineInvitation,
  findInvitationByToken,
  INVITATION_INVALID,
} from "@/lib/invitations/accept";
import {
  acceptAsNewUserSchema,
  acceptWithSignInSchema,
  invitationTokenSchema,
} from "@/lib/invitations/schemas";
import { findUserByEmail } from "@/lib/users/queries";

// Each way of accepting lands on the account's home with `?joined=1`: it says "You joined …"
// (a toast, or a notice without scripts) and drops the parameter.

/** The signed-in invitee joins with one click. */
export const acceptInvitationAction = userAction(
  invitationTokenSchema,
  async ({ token }, { db, user, meta }) => {
    const account = await acceptInvitationByToken(db, token, user, meta);
    redirect(`/a/${account.shortName}?joined=1`);
  },
);

/** Someone new sets their name and password: their user is created, joins, and is signed in. */
export const acceptAsNewUserAction = publicAction(acceptAsNewUserSchema, async (input, { db, meta }) => {
  const { account, email } = await acceptInvitationAsNewUser(db, input.token, input, meta);
  await startSession(email, input.password, `/a/${account.shortName}?joined=1`);
  return null;
});

/** An existing user, signed out, signs in as the invited email and joins in one step. */
export const signInAndAcceptAction = publicAction(
  acceptWithSignInSchema,
  async ({ token, password }, { db, meta }) => {
    const invitation = await findInvitationByToken(db, token);
    if (!invitation) throw new AppError("invalid", INVITATION_INVALID);
    await startSession(invitation.email, password);
    const user = await findUserByEmail(db, invitation.email);
    if (!user) throw new AppError("invalid", INVITATION_INVALID);
    const account = await acceptInvitationByToken(db, token, user, meta);
    redirect(`/a/${account.shortName}?joined=1`);
  },
);

/** Whoever holds the link may decline it; the account's administrators see the answer. */
export const declineInvitationAction = publicAction(
  invitationTokenSchema,
  async ({ token }, { db, meta }) => {
    await declineInvitation(db, { token }, meta);
    redirect(`/invite/${token}?declined=1`);
  },
);
