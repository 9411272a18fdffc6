"use server";

import { z } from "zod";
import { operatorAction } from "@/lib/actions/action";
import { changeAccountPlan, deleteUser, setOperator, setUserDisabled } from "@/lib/admin/manage-users";
import { PLAN_IDS, type PlanId } from "@/lib/plans/plans";

// The platform console's actions: operators only (everyone else is told "not found"), each
// audited with the operator as actor. Forms send "true"/"false" as text.

const userId = z.uuid("Choose a user.");
const flag = z.enum(["true", "false"]).transform((v) => v === "true");

/** Disables a user everywhere (ending every session of theirs) or enables them again. */
export const setUserDisabledAction = operatorAction(z.object({ userId, disabled: flag }), (input, ctx) =>
  setUserDisabled(ctx.db, ctx.user, input, ctx.meta),
);

/** Makes a user a platform operator, or stops them being one (never oneself, never the last). */
export const setOperatorAction = operatorAction(z.object({ userId, operator: flag }), (input, ctx) =>
  setOperator(ctx.db, ctx.user, input, ctx.meta),
);

/** Deletes a user who owns no account. */
export const deleteUserAction = operatorAction(z.object({ userId }), (input, ctx) =>
  deleteUser(ctx.db, ctx.user, input, ctx.meta),
);

/** Moves an account to another plan (refused when it uses more than the plan allows). */
export const changeAccountPlanAction = operatorAction(
  z.object({
    accountId: z.uuid("Choose an account."),
    plan: z.enum(PLAN_IDS as [PlanId, ...PlanId[]], "Choose a plan."),
  }),
  (input, ctx) =>
    changeAccountPlan(ctx.db, ctx.user, { accountId: input.accountId, planId: input.plan }, ctx.meta),
);
