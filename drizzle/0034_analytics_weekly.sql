CREATE TABLE "capacity_queue_snapshots" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"queue" text NOT NULL,
	"open_cases" integer NOT NULL,
	CONSTRAINT "capacity_queue_snapshots_workspace_id_day_queue_pk" PRIMARY KEY("workspace_id","day","queue")
);
--> statement-breakpoint
CREATE TABLE "handoff_fact_criteria" (
	"transfer_id" uuid PRIMARY KEY NOT NULL,
	"criteria" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "handoff_step_weekly" (
	"workspace_id" uuid NOT NULL,
	"week" date NOT NULL,
	"kind" text NOT NULL,
	"from_queue" text NOT NULL,
	"to_queue" text NOT NULL,
	"step" text NOT NULL,
	"minutes" double precision NOT NULL,
	"transfers" integer NOT NULL,
	CONSTRAINT "handoff_step_weekly_workspace_id_week_kind_from_queue_to_queue_step_minutes_pk" PRIMARY KEY("workspace_id","week","kind","from_queue","to_queue","step","minutes")
);
--> statement-breakpoint
CREATE TABLE "handoff_sun_weekly" (
	"workspace_id" uuid NOT NULL,
	"week" date NOT NULL,
	"kind" text NOT NULL,
	"from_queue" text NOT NULL,
	"to_queue" text NOT NULL,
	"from_region" text NOT NULL,
	"to_region" text NOT NULL,
	"meeting_series" text NOT NULL,
	"meeting_title" text NOT NULL,
	"handovers" integer NOT NULL,
	CONSTRAINT "handoff_sun_weekly_workspace_id_week_kind_from_queue_to_queue_from_region_to_region_meeting_series_meeting_title_pk" PRIMARY KEY("workspace_id","week","kind","from_queue","to_queue","from_region","to_region","meeting_series","meeting_title")
);
--> statement-breakpoint
CREATE TABLE "handoff_weekly" (
	"workspace_id" uuid NOT NULL,
	"week" date NOT NULL,
	"kind" text NOT NULL,
	"from_queue" text NOT NULL,
	"to_queue" text NOT NULL,
	"from_region" text NOT NULL,
	"to_region" text NOT NULL,
	"outcome" text NOT NULL,
	"transfers" integer NOT NULL,
	"scored" integer NOT NULL,
	"score_sum" integer NOT NULL,
	"bounced" integer NOT NULL,
	"sla_breached" integer NOT NULL,
	CONSTRAINT "handoff_weekly_workspace_id_week_kind_from_queue_to_queue_from_region_to_region_outcome_pk" PRIMARY KEY("workspace_id","week","kind","from_queue","to_queue","from_region","to_region","outcome")
);
--> statement-breakpoint
DROP INDEX "handoff_facts_ws_score";--> statement-breakpoint
DROP INDEX "handoff_facts_bounced";--> statement-breakpoint
DROP INDEX "handoff_facts_owner_pair";--> statement-breakpoint
CREATE INDEX "handoff_facts_from_owner" ON "handoff_facts" USING btree ("workspace_id","from_owner_id","day");--> statement-breakpoint
CREATE INDEX "handoff_facts_to_owner" ON "handoff_facts" USING btree ("workspace_id","to_owner_id","day");--> statement-breakpoint
CREATE INDEX "handoff_facts_ws_score" ON "handoff_facts" USING btree ("workspace_id","score","score_final" DESC NULLS LAST,"settled_at" DESC NULLS LAST) WHERE score is not null;--> statement-breakpoint
CREATE INDEX "handoff_facts_bounced" ON "handoff_facts" USING btree ("workspace_id","day","from_owner_id","to_owner_id") WHERE bounced_back and outcome = 'completed';--> statement-breakpoint
CREATE INDEX "handoff_facts_owner_pair" ON "handoff_facts" USING btree ("workspace_id","from_owner_id","to_owner_id","day") WHERE outcome = 'completed';--> statement-breakpoint
-- Each scored fact's explanation moves beside it before the column goes.
INSERT INTO "handoff_fact_criteria" ("transfer_id", "criteria")
SELECT "transfer_id", "criteria" FROM "handoff_facts" WHERE "criteria" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "handoff_facts" DROP COLUMN "criteria";--> statement-breakpoint
-- The weekly rollups of what the refresh has already summed, as src/writes/analytics.ts sums
-- them (the step minutes rounded as src/domain/analytics/steps.ts rounds them).
INSERT INTO "handoff_weekly" ("workspace_id", "week", "kind", "from_queue", "to_queue",
  "from_region", "to_region", "outcome", "transfers", "scored", "score_sum", "bounced",
  "sla_breached")
SELECT "workspace_id", date_trunc('week', "day")::date, "kind", "from_queue", "to_queue",
  "from_region", "to_region", "outcome", sum("transfers")::int, sum("scored")::int,
  sum("score_sum")::int, sum("bounced")::int, sum("sla_breached")::int
FROM "handoff_daily" GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;--> statement-breakpoint
INSERT INTO "handoff_step_weekly" ("workspace_id", "week", "kind", "from_queue", "to_queue",
  "step", "minutes", "transfers")
SELECT f."workspace_id", date_trunc('week', f."day")::date, f."kind", f."from_queue",
  coalesce(f."to_queue", ''), s."step",
  CASE WHEN s."m" < 60 THEN floor(s."m" + 0.5)
    WHEN s."m" < 600 THEN floor(s."m" / 5 + 0.5) * 5
    WHEN s."m" < 2880 THEN floor(s."m" / 15 + 0.5) * 15
    ELSE floor(s."m" / 60 + 0.5) * 60 END,
  count(*)::int
FROM "handoff_facts" f
CROSS JOIN LATERAL (VALUES ('approval', f."approval_minutes"),
  ('acceptance', f."acceptance_minutes"), ('customerTold', f."customer_told_minutes"),
  ('completion', f."completion_minutes"), ('firstResponse', f."first_response_minutes"),
  ('idleCarried', f."idle_minutes")) s("step", "m")
WHERE f."outcome" = 'completed' AND s."m" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;--> statement-breakpoint
INSERT INTO "handoff_sun_weekly" ("workspace_id", "week", "kind", "from_queue", "to_queue",
  "from_region", "to_region", "meeting_series", "meeting_title", "handovers")
SELECT "workspace_id", date_trunc('week', "day")::date, "kind", "from_queue",
  coalesce("to_queue", ''), coalesce("from_region", ''), coalesce("to_region", ''),
  coalesce(split_part("meeting_key", '/', 1), ''), coalesce("meeting_title", ''), count(*)::int
FROM "handoff_facts"
WHERE "outcome" = 'completed' AND "is_24x7" AND "from_region" IS DISTINCT FROM "to_region"
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;--> statement-breakpoint
INSERT INTO "capacity_queue_snapshots" ("workspace_id", "day", "queue", "open_cases")
SELECT "workspace_id", "day", "queue", sum("open_cases")::int
FROM "capacity_snapshots" GROUP BY 1, 2, 3;
