ALTER TYPE "public"."user_token_purpose" ADD VALUE 'reset_password';--> statement-breakpoint
ALTER TYPE "public"."user_token_purpose" ADD VALUE 'change_email';--> statement-breakpoint
ALTER TYPE "public"."user_token_purpose" ADD VALUE 'set_password';--> statement-breakpoint
DROP INDEX "user_tokens_user_idx";--> statement-breakpoint
ALTER TABLE "rate_limits" ADD COLUMN "last_hit_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "display_name" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "username" "citext";--> statement-breakpoint
CREATE INDEX "rate_limits_last_hit_idx" ON "rate_limits" USING btree ("last_hit_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_unique" ON "users" USING btree ("username") WHERE "users"."username" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "users_unverified_idx" ON "users" USING btree ("created_at") WHERE "users"."email_verified_at" IS NULL;--> statement-breakpoint
CREATE INDEX "user_tokens_user_idx" ON "user_tokens" USING btree ("user_id","purpose");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_username_format" CHECK ("users"."username" ~ '^[A-Za-z0-9-]{1,40}$');