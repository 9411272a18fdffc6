-- accounts.member_count follows the account's memberships: statement-level triggers add and
-- subtract per statement (one update of the account row however many members a statement adds).
CREATE OR REPLACE FUNCTION memberships_count_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE accounts a SET member_count = a.member_count + c.n
  FROM (SELECT account_id, count(*) AS n FROM added GROUP BY account_id) c
  WHERE a.id = c.account_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION memberships_count_removed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE accounts a SET member_count = a.member_count - c.n
  FROM (SELECT account_id, count(*) AS n FROM removed GROUP BY account_id) c
  WHERE a.id = c.account_id;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_count_added
  AFTER INSERT ON memberships REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION memberships_count_added();
--> statement-breakpoint
CREATE TRIGGER memberships_count_removed
  AFTER DELETE ON memberships REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION memberships_count_removed();
--> statement-breakpoint
UPDATE accounts a SET member_count = (SELECT count(*) FROM memberships m WHERE m.account_id = a.id);
