/**
 * The subscription plans, in one place. Every account starts on Free. `null` means no limit.
 * A seat is a membership (active, awaiting approval or disabled) or a pending invitation.
 */
export const PLANS = {
  free: { name: "Free", seats: 5, projects: 3, summary: "For trying Roster with a small team." },
  team: { name: "Team", seats: 50, projects: 25, summary: "For a team that works in several projects." },
  business: { name: "Business", seats: null, projects: null, summary: "No limits on people or projects." },
} as const satisfies Record<
  string,
  { name: string; seats: number | null; projects: number | null; summary: string }
>;

export type PlanId = keyof typeof PLANS;
export type Plan = (typeof PLANS)[PlanId];

export const PLAN_IDS = Object.keys(PLANS) as PlanId[];

export function isPlanId(value: string): value is PlanId {
  return Object.hasOwn(PLANS, value);
}

/** The plan an account row names; the database only holds known plans (a check constraint). */
export function planOf(id: string): Plan & { id: PlanId } {
  const planId: PlanId = isPlanId(id) ? id : "free";
  return { id: planId, ...PLANS[planId] };
}

/** "3 of 5", or "3" when the plan sets no limit. */
export function usedOf(used: number, limit: number | null): string {
  return limit === null ? String(used) : `${used} of ${limit}`;
}
