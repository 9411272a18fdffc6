import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL from db/schema.ts here; migrations are applied by
// `npm run db:migrate` (scripts/migrate.ts) and at start in the embedded mode.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
