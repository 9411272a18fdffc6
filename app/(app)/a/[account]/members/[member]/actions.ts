"use server";

import { grantProjects } from "@/lib/projects/member-projects";
import { grantProjectsSchema } from "@/lib/projects/schemas";
import { redirect } from "next/navigation";
import { z } from "zod";
import { memberAction } from "@/lib/actions/action";
import { continueInSession } from "@/lib/auth/start-session";
import { startImpersonation } from "@/lib/members/impersonation";
import { impersonateSchema } from "@/lib/members/schemas";
import { changeMemberRole, leaveAccount, removeMember, updateMemberPermissions } from "@/lib/members/manage";
import { deletePerson, updatePersonDetails } from "@/lib/members/edit-person";
import {
  changeRoleSchema,
  editPersonSchema,
  memberPermissionsSchema,
  membershipIdSchema,
  transferOwnershipSchema,
} from "@/lib/members/schemas";
import { transferOwnership } from "@/lib/members/transfer-ownership";
import { decideApproval } from "@/lib/members/approval";
import { setMemberDisabled } from "@/lib/members/disable";
import { sendPasswordResetByAdmin } from "@/lib/members/password-reset-by-admin";

/** Gives a member another role (clearing their per-member exceptions). */
export const changeMemberRoleAction = memberAction(
  { schema: changeRoleSchema, permission: "members.manage" },
  (input, ctx) => changeMemberRole(ctx.db, ctx, input.membershipId, input.role, ctx.meta),
);

/** Grants, withdraws or resets per-member permissions; answers what changed. */
export const updateMemberPermissionsAction = memberAction(
  { schema: memberPermissionsSchema, permission: "members.manage" },
  (input, ctx) => updateMemberPermissions(ctx.db, ctx, input.membershipId, input.settings, ctx.meta),
);

/** Removes a member from the account (none of what they made goes with them). */
export const removeMemberAction = memberAction(
  { schema: membershipIdSchema, permission: "members.manage" },
  async (input, ctx) => {
    await removeMember(ctx.db, ctx, input.membershipId, ctx.meta);
    redirect(`/a/${ctx.account.shortName}/members`);
  },
);

/** Edits the user name, display name and company of a person this account created (and only it holds). */
export const updatePersonDetailsAction = memberAction(
  { schema: editPersonSchema, permission: "members.manage" },
  ({ membershipId, ...details }, ctx) => updatePersonDetails(ctx.db, ctx, membershipId, details, ctx.meta),
);

/** Deletes the user of a person this account created and only it holds; what they made stays. */
export const deletePersonAction = memberAction(
  { schema: membershipIdSchema, permission: "members.manage" },
  async (input, ctx) => {
    await deletePerson(ctx.db, ctx, input.membershipId, ctx.meta);
    redirect(`/a/${ctx.account.shortName}/members`);
  },
);

/** The caller leaves the account (not the owner). */
export const leaveAccountAction = memberAction(
  { schema: z.object({}), permission: null },
  async (_input, ctx) => {
    await leaveAccount(ctx.db, ctx, ctx.meta);
    redirect("/");
  },
);

/** The owner makes another member the owner, confirming with their password. */
export const transferOwnershipAction = memberAction(
  { schema: transferOwnershipSchema, permission: null },
  async (input, ctx) => {
    await transferOwnership(ctx.db, ctx, input.membershipId, input.password, ctx.meta);
    redirect(`/a/${ctx.account.shortName}/members/${input.membershipId}?ownership=transferred`);
  },
);

/** Gives the member access to several projects at once (those whose access the caller manages). */
export const grantProjectsAction = memberAction(
  { schema: grantProjectsSchema, permission: null },
  async (input, ctx) => grantProjects(ctx.db, ctx, input, ctx.meta),
);

/** Disables the member's access (they stay listed, and can be enabled again as they were). */
export const disableMemberAction = memberAction(
  { schema: membershipIdSchema, permission: "members.manage" },
  (input, ctx) => setMemberDisabled(ctx.db, ctx, input.membershipId, true, ctx.meta),
);

/** Gives a disabled member their access back. */
export const enableMemberAction = memberAction(
  { schema: membershipIdSchema, permission: "members.manage" },
  (input, ctx) => setMemberDisabled(ctx.db, ctx, input.membershipId, false, ctx.meta),
);

/** Emails the member a link to choose a new password. */
export const sendPasswordResetLinkAction = memberAction(
  { schema: membershipIdSchema, permission: "members.manage" },
  (input, ctx) => sendPasswordResetByAdmin(ctx.db, ctx, input.membershipId, { force: false }, ctx.meta),
);

/** Ends the member's sessions, voids their password and emails them a link to choose a new one. */
export const forcePasswordResetAction = memberAction(
  { schema: membershipIdSchema, permission: "members.manage" },
  (input, ctx) => sendPasswordResetByAdmin(ctx.db, ctx, input.membershipId, { force: true }, ctx.meta),
);

/** Lets someone who waits for approval into the account. */
export const approveMemberAction = memberAction(
  { schema: membershipIdSchema, permission: "members.approve" },
  (input, ctx) => decideApproval(ctx.db, ctx, input.membershipId, "approve", ctx.meta),
);

/** Turns away someone who waits for approval: their membership ends. */
export const rejectMemberAction = memberAction(
  { schema: membershipIdSchema, permission: "members.approve" },
  async (input, ctx) => {
    await decideApproval(ctx.db, ctx, input.membershipId, "reject", ctx.meta);
    redirect(`/a/${ctx.account.shortName}/members`);
  },
);

/** "Log in as": acts as a member of lower rank in this account, for at most an hour. */
export const startImpersonationAction = memberAction(
  { schema: impersonateSchema, permission: "members.impersonate" },
  async (input, ctx) => {
    const { token } = await startImpersonation(ctx.db, ctx, ctx.session, input, ctx.meta);
    await continueInSession(token, `/a/${ctx.account.shortName}`);
    return null;
  },
);
