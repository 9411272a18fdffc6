import { z } from "zod";
import { PLAN_IDS, type PlanId } from "./plans";

export const planChangeSchema = z.object({
  plan: z.enum(PLAN_IDS as [PlanId, ...PlanId[]], "Choose a plan."),
});
