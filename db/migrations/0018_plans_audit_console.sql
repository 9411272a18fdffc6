DROP INDEX "audit_events_account_idx";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "target_user_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "is_platform_operator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "disabled_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name || ' ' || email::text || ' ' || coalesce(username::text, ''))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_disabled_by_user_id_users_id_fk" FOREIGN KEY ("disabled_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_account_actor_idx" ON "audit_events" USING btree ("account_id","actor_user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_account_target_user_idx" ON "audit_events" USING btree ("account_id","target_user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_events_account_action_idx" ON "audit_events" USING btree ("account_id","action","created_at","id");--> statement-breakpoint
CREATE INDEX "users_name_idx" ON "users" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "users_created_idx" ON "users" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_search_idx" ON "users" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_events_account_idx" ON "audit_events" USING btree ("account_id","created_at","id");--> statement-breakpoint
-- Every plan an account can be on (lib/plans/plans.ts says what each allows).
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_plan_known" CHECK ("plan" IN ('free', 'team', 'business'));--> statement-breakpoint
-- TRUNCATE skips row triggers, so the append-only rule needs a statement trigger of its own.
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();--> statement-breakpoint
-- The role the application may run as (README: "Running with the append-only role"): it
-- reads and writes every table but can only add to and read the audit log. Roles belong to
-- the whole server, so another database may have made it already.
DO $$
BEGIN
  CREATE ROLE roster_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO roster_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO roster_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM roster_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO roster_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO roster_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO roster_app;
