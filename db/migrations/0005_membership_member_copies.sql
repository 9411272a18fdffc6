-- memberships.member_name and member_email copy the user's name and email, so the member
-- list sorts and searches on the account's own indexes. Triggers keep the copies true
-- whichever code path writes users or memberships.
CREATE OR REPLACE FUNCTION memberships_copy_member() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT u.name, u.email INTO NEW.member_name, NEW.member_email FROM users u WHERE u.id = NEW.user_id;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_copy_member
  BEFORE INSERT OR UPDATE OF user_id ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_copy_member();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_update_member_copies() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE memberships SET member_name = NEW.name, member_email = NEW.email WHERE user_id = NEW.id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_update_member_copies
  AFTER UPDATE OF name, email ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION users_update_member_copies();
--> statement-breakpoint
UPDATE memberships m SET member_name = u.name, member_email = u.email FROM users u WHERE u.id = m.user_id;
