"use server";

import { memberAction } from "@/lib/actions/action";
import { addPersonDirectly } from "@/lib/members/add-person";
import { addPersonSchema } from "@/lib/members/schemas";

/** Adds a person directly (a new user with a welcome link), or invites one who already exists. */
export const addPersonAction = memberAction(
  { schema: addPersonSchema, permission: "members.manage" },
  (input, ctx) => addPersonDirectly(ctx.db, ctx, input, ctx.meta),
);
