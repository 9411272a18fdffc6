"use server";

import { memberAction } from "@/lib/actions/action";
import { accountSettingsSchema } from "@/lib/accounts/schemas";
import { updateAccountDisplayName } from "@/lib/accounts/settings";

/** Renames the account (owner and administrators); the short name cannot change. */
export const updateAccountSettingsAction = memberAction(
  { schema: accountSettingsSchema, permission: "account.manage" },
  async (input, ctx) => {
    await updateAccountDisplayName(ctx.db, ctx, input.displayName, ctx.meta);
    return null;
  },
);
