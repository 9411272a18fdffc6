import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { projects } from "@/db/schema";

/** Every project of an account, by key, for a filter; for callers who see every project. */
export function listProjectChoices(db: Db, accountId: string) {
  return db
    .select({ key: projects.key, name: projects.name })
    .from(projects)
    .where(eq(projects.accountId, accountId))
    .orderBy(asc(projects.key))
    .limit(500);
}
