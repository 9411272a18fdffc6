CREATE TYPE "public"."project_role" AS ENUM('viewer', 'editor', 'manager');--> statement-breakpoint
CREATE TABLE "project_members" (
	"account_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"role" "project_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_members_project_id_membership_id_pk" PRIMARY KEY("project_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"key" "citext" NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_key_format" CHECK ("projects"."key" ~ '^[A-Za-z][A-Za-z0-9]{1,9}$')
);
--> statement-breakpoint
-- The composite foreign keys below need these unique indexes first.
CREATE UNIQUE INDEX "projects_account_id_unique" ON "projects" USING btree ("account_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_account_id_unique" ON "memberships" USING btree ("account_id","id");--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_project_fk" FOREIGN KEY ("account_id","project_id") REFERENCES "public"."projects"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_members" ADD CONSTRAINT "project_members_membership_fk" FOREIGN KEY ("account_id","membership_id") REFERENCES "public"."memberships"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_members_membership_idx" ON "project_members" USING btree ("membership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_account_key_unique" ON "projects" USING btree ("account_id","key");--> statement-breakpoint
CREATE INDEX "projects_account_name_idx" ON "projects" USING btree ("account_id","name","id");
