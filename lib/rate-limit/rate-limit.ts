import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type RateLimit = { limit: number; windowSeconds: number };

/**
 * Counts one attempt against `key` in a fixed window kept in the database (so every app
 * instance shares it) and says whether the attempt is within the limit.
 */
export async function takeRateLimit(
  db: Db,
  key: string,
  { limit, windowSeconds }: RateLimit,
  now = new Date(),
  /** How many attempts this one counts for (an invitation to 20 people counts 20). */
  cost = 1,
) {
  const windowExpired = sql`${rateLimits.windowStartedAt} <= ${now.toISOString()}::timestamptz - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStartedAt: now, count: cost })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${windowExpired} THEN ${cost}::int ELSE ${rateLimits.count} + ${cost}::int END`,
        windowStartedAt: sql`CASE WHEN ${windowExpired} THEN ${now.toISOString()}::timestamptz ELSE ${rateLimits.windowStartedAt} END`,
      },
    })
    .returning({ count: rateLimits.count });
  return { allowed: (row?.count ?? cost) <= limit };
}
