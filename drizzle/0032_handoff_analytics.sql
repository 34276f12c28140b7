CREATE TABLE "analytics_watermark" (
	"id" integer PRIMARY KEY NOT NULL,
	"audit_id" bigint NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capacity_snapshots" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"queue" text NOT NULL,
	"owner" text NOT NULL,
	"open_cases" integer NOT NULL,
	CONSTRAINT "capacity_snapshots_workspace_id_day_queue_owner_pk" PRIMARY KEY("workspace_id","day","queue","owner")
);
--> statement-breakpoint
CREATE TABLE "handoff_daily" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
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
	CONSTRAINT "handoff_daily_workspace_id_day_kind_from_queue_to_queue_from_region_to_region_outcome_pk" PRIMARY KEY("workspace_id","day","kind","from_queue","to_queue","from_region","to_region","outcome")
);
--> statement-breakpoint
CREATE TABLE "handoff_facts" (
	"transfer_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"outcome" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"from_queue" text NOT NULL,
	"to_queue" text,
	"from_region" text,
	"to_region" text,
	"from_owner_id" uuid,
	"to_owner_id" uuid,
	"is_24x7" boolean NOT NULL,
	"approval_minutes" double precision,
	"acceptance_minutes" double precision,
	"customer_told_minutes" double precision,
	"completion_minutes" double precision,
	"first_response_minutes" double precision,
	"bounced_back" boolean DEFAULT false NOT NULL,
	"reopened" boolean DEFAULT false NOT NULL,
	"sla_breached_after" boolean DEFAULT false NOT NULL,
	"window_handoffs" integer DEFAULT 0 NOT NULL,
	"score" integer,
	"score_final" boolean DEFAULT false NOT NULL,
	"criteria" jsonb,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "handoff_facts_ws_day" ON "handoff_facts" USING btree ("workspace_id","day");--> statement-breakpoint
CREATE INDEX "handoff_facts_ws_score" ON "handoff_facts" USING btree ("workspace_id","score","day") WHERE score is not null;--> statement-breakpoint
CREATE INDEX "handoff_facts_case" ON "handoff_facts" USING btree ("case_id","settled_at");--> statement-breakpoint
CREATE INDEX "handoff_facts_ping_pong" ON "handoff_facts" USING btree ("workspace_id","window_handoffs","day") WHERE window_handoffs > 1;--> statement-breakpoint
CREATE INDEX "handoff_facts_provisional" ON "handoff_facts" USING btree ("settled_at") WHERE outcome = 'completed' and not score_final;