-- citext: case-insensitive emails; pg_trgm: substring search over names and emails.
CREATE EXTENSION IF NOT EXISTS citext;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
