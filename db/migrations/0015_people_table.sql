ALTER TABLE "accounts" ADD COLUMN "default_role" "membership_role";
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "default_custom_role_id" uuid;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "member_username" "citext" DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "member_company" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "member_last_active_at" timestamp with time zone DEFAULT '-infinity' NOT NULL;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "status" text GENERATED ALWAYS AS (CASE WHEN disabled_at IS NOT NULL THEN 'disabled' WHEN awaiting_approval_since IS NOT NULL THEN 'awaiting' ELSE 'active' END) STORED NOT NULL;
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "added_by_user_id" uuid;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "company" text;
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_active_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "memberships" drop column "search_text";
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(member_name || ' ' || member_email || ' ' || member_username || ' ' || member_company)) STORED NOT NULL;
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_default_custom_role_id_custom_roles_id_fk" FOREIGN KEY ("default_custom_role_id") REFERENCES "public"."custom_roles"("id") ON DELETE restrict ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_added_by_user_id_users_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "memberships_account_email_idx" ON "memberships" USING btree ("account_id","member_email","id");
--> statement-breakpoint
CREATE INDEX "memberships_account_username_idx" ON "memberships" USING btree ("account_id",("member_username" = ''),"member_username","member_name","id");
--> statement-breakpoint
CREATE INDEX "memberships_account_company_idx" ON "memberships" USING btree ("account_id",("member_company" = ''),"member_company","member_name","id");
--> statement-breakpoint
CREATE INDEX "memberships_account_status_idx" ON "memberships" USING btree ("account_id","status","member_name","id");
--> statement-breakpoint
CREATE INDEX "memberships_account_last_active_idx" ON "memberships" USING btree ("account_id","member_last_active_at","id");
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_default_role" CHECK ("accounts"."default_role" <> 'owner' AND ("accounts"."default_role" = 'custom') = ("accounts"."default_custom_role_id" IS NOT NULL) OR "accounts"."default_role" IS NULL AND "accounts"."default_custom_role_id" IS NULL);
--> statement-breakpoint
CREATE INDEX "memberships_search_idx" ON "memberships" USING gin ("account_id","search_text" gin_trgm_ops);
--> statement-breakpoint
-- The copies of the user's name, email, user name, company and last activity on each
-- membership (so the people table sorts and searches on the account's own indexes), kept
-- true by triggers whichever code path writes users or memberships.
CREATE OR REPLACE FUNCTION memberships_copy_member() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT u.name, u.email, coalesce(u.username, ''), coalesce(u.company, ''), coalesce(u.last_active_at, '-infinity')
    INTO NEW.member_name, NEW.member_email, NEW.member_username, NEW.member_company, NEW.member_last_active_at
    FROM users u WHERE u.id = NEW.user_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_update_member_copies() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships
    SET member_name = NEW.name, member_email = NEW.email, member_username = coalesce(NEW.username, ''),
        member_company = coalesce(NEW.company, ''), member_last_active_at = coalesce(NEW.last_active_at, '-infinity')
    WHERE user_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER users_update_member_copies ON users;
--> statement-breakpoint
CREATE TRIGGER users_update_member_copies
  AFTER UPDATE OF name, email, username, company, last_active_at ON users
  FOR EACH ROW WHEN (
    OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
    OR OLD.username IS DISTINCT FROM NEW.username OR OLD.company IS DISTINCT FROM NEW.company
    OR OLD.last_active_at IS DISTINCT FROM NEW.last_active_at
  )
  EXECUTE FUNCTION users_update_member_copies();
--> statement-breakpoint
-- A user is active when a session starts or is used (sessions.last_seen_at moves at most
-- every few minutes): the user's last activity follows, and through it each membership's copy.
CREATE OR REPLACE FUNCTION sessions_mark_user_active() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET last_active_at = NEW.last_seen_at
    WHERE id = NEW.user_id AND (last_active_at IS NULL OR last_active_at < NEW.last_seen_at);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_mark_user_active
  AFTER INSERT OR UPDATE OF last_seen_at ON sessions
  FOR EACH ROW EXECUTE FUNCTION sessions_mark_user_active();
--> statement-breakpoint
UPDATE users u SET last_active_at = s.last_seen FROM (
  SELECT user_id, max(last_seen_at) AS last_seen FROM sessions GROUP BY user_id
) s WHERE s.user_id = u.id;
--> statement-breakpoint
UPDATE memberships m SET member_username = coalesce(u.username, ''), member_company = coalesce(u.company, ''),
    member_last_active_at = coalesce(u.last_active_at, '-infinity')
  FROM users u WHERE u.id = m.user_id;
--> statement-breakpoint
-- Who brought each existing member in, where an accepted invitation says so.
UPDATE memberships m SET added_by_user_id = i.invited_by_user_id
  FROM invitations i
  WHERE i.account_id = m.account_id AND i.responded_by_user_id = m.user_id AND i.status = 'accepted';
