"use server";

import { memberAction } from "@/lib/actions/action";
import { invitationIdSchema, inviteSchema } from "@/lib/invitations/schemas";
import { inviteMembers } from "@/lib/invitations/invite";
import { copyInvitationLink, resendInvitation, revokeInvitation } from "@/lib/invitations/manage";

/** Invites one or many addresses with a role; answers per address. */
export const inviteMembersAction = memberAction(
  { schema: inviteSchema, permission: "members.invite" },
  (input, ctx) => inviteMembers(ctx.db, ctx, input, ctx.meta),
);

/** Sends an open or expired invitation again with a new link; the old link stops working. */
export const resendInvitationAction = memberAction(
  { schema: invitationIdSchema, permission: "members.invite" },
  (input, ctx) => resendInvitation(ctx.db, ctx, input.invitationId, ctx.meta),
);

/**
 * Makes a new link for an open or expired invitation and answers it once, to hand over by
 * other means; the emailed link stops working. Nothing is sent.
 */
export const copyInvitationLinkAction = memberAction(
  { schema: invitationIdSchema, permission: "members.invite" },
  (input, ctx) => copyInvitationLink(ctx.db, ctx, input.invitationId, ctx.meta),
);

/** Revokes an open invitation; its link stops working at once. */
export const revokeInvitationAction = memberAction(
  { schema: invitationIdSchema, permission: "members.invite" },
  (input, ctx) => revokeInvitation(ctx.db, ctx, input.invitationId, ctx.meta),
);
