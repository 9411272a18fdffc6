"use server";

import { redirect } from "next/navigation";
import { userAction } from "@/lib/actions/action";
import { acceptInvitationById, declineInvitation } from "@/lib/invitations/accept";
import { invitationIdSchema } from "@/lib/invitations/schemas";

/** Accepts an invitation listed in the app (addressed to the user's verified email) and opens the account. */
export const acceptMyInvitationAction = userAction(
  invitationIdSchema,
  async ({ invitationId }, { db, user, meta }) => {
    const account = await acceptInvitationById(db, invitationId, user, meta);
    redirect(`/a/${account.shortName}?joined=1`); // "You joined …" on arrival
  },
);

/** Declines an invitation listed in the app. */
export const declineMyInvitationAction = userAction(
  invitationIdSchema,
  async ({ invitationId }, { db, user, meta }) => {
    await declineInvitation(db, { invitationId, user }, meta);
    return null;
  },
);
