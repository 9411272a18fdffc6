CREATE TABLE "short_name_holds" (
	"short_name" "citext" PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "short_name_holds_expires_idx" ON "short_name_holds" USING btree ("expires_at");