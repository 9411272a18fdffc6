"use server";

import { memberAction } from "@/lib/actions/action";
import {
  accountSettingsSchema,
  approvalRequirementSchema,
  defaultRoleSchema,
  joinLinkChangeSchema,
  joinLinkSettingsSchema,
  twoFactorRequirementSchema,
} from "@/lib/accounts/schemas";
import {
  setApprovalRequirement,
  setDefaultRole,
  setTwoFactorRequirement,
  updateAccountDisplayName,
} from "@/lib/accounts/settings";
import { changeJoinLink, updateJoinLinkSettings } from "@/lib/invitations/join-link";
import { changePlan } from "@/lib/plans/change-plan";
import { planChangeSchema } from "@/lib/plans/schemas";

/** Renames the account (owner and administrators); the short name cannot change. */
export const updateAccountSettingsAction = memberAction(
  { schema: accountSettingsSchema, permission: "account.manage" },
  async (input, ctx) => {
    await updateAccountDisplayName(ctx.db, ctx, input.displayName, ctx.meta);
    return null;
  },
);

/** The owner requires (or stops requiring) two-factor of everyone who administers the account. */
export const setTwoFactorRequirementAction = memberAction(
  { schema: twoFactorRequirementSchema, permission: "account.manage" },
  async (input, ctx) => {
    await setTwoFactorRequirement(ctx.db, ctx, input.required === "true", ctx.meta);
    return null;
  },
);

/** Turns on (or off) the approval gate for people who join. */
export const setApprovalRequirementAction = memberAction(
  { schema: approvalRequirementSchema, permission: "account.manage" },
  async (input, ctx) => {
    await setApprovalRequirement(ctx.db, ctx, input.required === "true", ctx.meta);
    return null;
  },
);

/** Chooses the role people added directly get unless the adder picks another. */
export const setDefaultRoleAction = memberAction(
  { schema: defaultRoleSchema, permission: "account.manage" },
  async (input, ctx) => {
    await setDefaultRole(ctx.db, ctx, input.role, ctx.meta);
    return null;
  },
);

/** Turns the join link on, makes a new one (the old link dies at once), or turns it off. */
export const changeJoinLinkAction = memberAction(
  { schema: joinLinkChangeSchema, permission: "account.manage" },
  async (input, ctx) => {
    await changeJoinLink(ctx.db, ctx, input.change, ctx.meta);
    return { change: input.change };
  },
);

/** Sets the email domains the join link accepts, and whether those who use it wait for approval. */
export const updateJoinLinkSettingsAction = memberAction(
  { schema: joinLinkSettingsSchema, permission: "account.manage" },
  async (input, ctx) => {
    await updateJoinLinkSettings(ctx.db, ctx, input, ctx.meta);
    return null;
  },
);

/** The owner moves the account to another plan (no payment provider: it takes effect at once). */
export const changePlanAction = memberAction(
  { schema: planChangeSchema, permission: "billing.manage" },
  async (input, ctx) => {
    return changePlan(
      ctx.db,
      { accountId: ctx.account.id, planId: input.plan, actor: ctx.user, member: ctx },
      ctx.meta,
    );
  },
);
