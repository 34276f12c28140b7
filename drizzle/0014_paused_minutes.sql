ALTER TABLE "cases" ADD COLUMN "paused_response_minutes" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paused_update_minutes" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "paused_resolution_minutes" double precision DEFAULT 0 NOT NULL;