CREATE TABLE "analytics_dirty_days" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	CONSTRAINT "analytics_dirty_days_workspace_id_day_pk" PRIMARY KEY("workspace_id","day")
);
--> statement-breakpoint
CREATE TABLE "handover_misses" (
	"case_id" uuid NOT NULL,
	"shift_key" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"queue" text NOT NULL,
	"owner_id" uuid,
	"from_region" text,
	"to_region" text,
	"meeting_key" text,
	"meeting_title" text,
	CONSTRAINT "handover_misses_case_id_shift_key_pk" PRIMARY KEY("case_id","shift_key")
);
--> statement-breakpoint
DROP INDEX "cases_search";--> statement-breakpoint
ALTER TABLE "case_descriptions" ADD COLUMN "subject_words" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
-- Every case gets its row, with its subject's words (the expression of src/db/search.ts's
-- proseVector), before their index is built.
INSERT INTO "case_descriptions" ("case_id", "words", "subject_words")
SELECT "id", ''::tsvector,
  (to_tsvector('english'::regconfig, "subject") || to_tsvector('german'::regconfig, "subject"))
FROM "cases"
ON CONFLICT ("case_id") DO UPDATE SET "subject_words" = excluded."subject_words";--> statement-breakpoint
ALTER TABLE "handoff_facts" ADD COLUMN "idle_minutes" double precision;--> statement-breakpoint
ALTER TABLE "handoff_facts" ADD COLUMN "meeting_key" text;--> statement-breakpoint
ALTER TABLE "handoff_facts" ADD COLUMN "meeting_title" text;--> statement-breakpoint
CREATE INDEX "handover_misses_ws_day" ON "handover_misses" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "case_descriptions_subject" ON "case_descriptions" USING gin ("subject_words");--> statement-breakpoint
CREATE INDEX "handoff_facts_bounced" ON "handoff_facts" USING btree ("workspace_id","day") WHERE bounced_back and outcome = 'completed';--> statement-breakpoint
CREATE INDEX "handoff_facts_owner_pair" ON "handoff_facts" USING btree ("workspace_id","from_owner_id","to_owner_id","day");--> statement-breakpoint
-- Facts gain idle time and meetings, and misses are read from the raises' audit rows: the next
-- refresh reads the whole audit trail again (it rewrites each case's facts whole).
UPDATE "analytics_watermark" SET "audit_id" = 0;
--> statement-breakpoint
-- The demo's history builder (src/demo/history/warp.ts) dates the audit rows its own transaction
-- wrote, with a setting local to that transaction; every other UPDATE, DELETE or TRUNCATE is
-- refused as before.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('baton.dating_history', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
