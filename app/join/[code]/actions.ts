"use server";

import { publicAction } from "@/lib/actions/action";
import { requestToJoin } from "@/lib/invitations/join-link";
import { joinRequestSchema } from "@/lib/invitations/schemas";

/** Someone asks to join through the join link; the answer is the same whoever the address belongs to. */
export const requestToJoinAction = publicAction(joinRequestSchema, (input, { db, meta }) =>
  requestToJoin(db, input, meta),
);
