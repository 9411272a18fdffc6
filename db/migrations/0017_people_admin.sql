ALTER TABLE "accounts" ADD COLUMN "join_code_hash" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "join_code_sealed" text;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "join_domains" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "join_requires_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "impersonator_user_id" uuid;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "impersonator_email" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "via_join_link" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "impersonator_user_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "impersonation_account_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "impersonation_reason" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "resume_session_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "created_in_account_id" uuid;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_impersonator_user_id_users_id_fk" FOREIGN KEY ("impersonator_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_impersonation_account_id_accounts_id_fk" FOREIGN KEY ("impersonation_account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_resume_session_id_sessions_id_fk" FOREIGN KEY ("resume_session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_created_in_account_id_accounts_id_fk" FOREIGN KEY ("created_in_account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_join_code_hash_unique" ON "accounts" USING btree ("join_code_hash");--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_impersonation_complete" CHECK (("sessions"."impersonator_user_id" IS NULL) = ("sessions"."impersonation_account_id" IS NULL) AND ("sessions"."impersonator_user_id" IS NULL) = ("sessions"."resume_session_id" IS NULL));--> statement-breakpoint
-- An administrator acting as someone ("log in as") is not that person being active.
CREATE OR REPLACE FUNCTION sessions_mark_user_active() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.impersonator_user_id IS NOT NULL THEN
    RETURN NULL;
  END IF;
  UPDATE users SET last_active_at = NEW.last_seen_at
    WHERE id = NEW.user_id AND (last_active_at IS NULL OR last_active_at < NEW.last_seen_at);
  RETURN NULL;
END;
$$;
