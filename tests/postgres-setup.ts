import type { TestProject } from "vitest/node";
import { connectPostgres, migrateDatabase } from "@/db/client";
import { createScratchDatabase } from "./postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** Creates this run's own database, migrates it, and drops it when the run ends. */
export default async function setup(project: TestProject) {
  const scratch = await createScratchDatabase("roster_test");
  const database = await connectPostgres(scratch.url, { max: 1 });
  await migrateDatabase(database);
  await database.close();
  project.provide("databaseUrl", scratch.url);
  return () => scratch.drop();
}
