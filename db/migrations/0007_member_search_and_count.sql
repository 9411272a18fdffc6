DROP INDEX "memberships_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "member_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "memberships_search_idx" ON "memberships" USING gin ("account_id","search_text" gin_trgm_ops);