"use server";

import { z } from "zod";
import { userAction } from "@/lib/actions/action";
import { requestEmailChange } from "@/lib/users/email-change";
import { changePassword, signOutOtherSessions, signOutSession, updateProfile } from "@/lib/users/profile";
import { changePasswordSchema, emailChangeSchema, profileSchema, sessionIdSchema } from "@/lib/users/schemas";

/** Saves my full name, display name and user name. */
export const updateProfileAction = userAction(profileSchema, async (input, { db, user, meta }) => {
  await updateProfile(db, user, input, meta);
  return null;
});

/** Changes my password; my other sessions end. */
export const changePasswordAction = userAction(
  changePasswordSchema,
  async (input, { db, user, session, meta }) => changePassword(db, user, session.sessionId, input, meta),
);

/** Signs out one of my other sessions. */
export const signOutSessionAction = userAction(sessionIdSchema, async ({ sessionId }, { db, user, meta }) => {
  await signOutSession(db, user, sessionId, meta);
  return null;
});

/** Signs out everywhere but here. */
export const signOutOtherSessionsAction = userAction(
  z.object({}),
  async (_input, { db, user, session, meta }) => signOutOtherSessions(db, user, session.sessionId, meta),
);

/** Asks to sign in with another address: a link goes there, a notice to the current one. */
export const requestEmailChangeAction = userAction(emailChangeSchema, async (input, { db, user, meta }) => {
  await requestEmailChange(db, user, input, meta);
  return { newEmail: input.newEmail };
});
