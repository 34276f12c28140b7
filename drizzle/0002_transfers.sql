CREATE TABLE "transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"from_owner_id" uuid,
	"from_queue" text NOT NULL,
	"target_type" text NOT NULL,
	"target_agent_id" uuid,
	"target_queue" text,
	"target_region" text,
	"target_workspace_id" uuid,
	"reason" text NOT NULL,
	"reason_text" text,
	"template" jsonb NOT NULL,
	"required_steps" text[] NOT NULL,
	"steps" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"artifacts" jsonb NOT NULL,
	"new_priority" text,
	"new_status" text NOT NULL,
	"pin" boolean DEFAULT false NOT NULL,
	"pin_until" timestamp with time zone,
	"comment" text DEFAULT '' NOT NULL,
	"handover_note_id" bigint,
	"decided_by" uuid,
	"decision_note" text,
	"expires_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfers" ADD CONSTRAINT "transfers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_open_per_case" ON "transfers" USING btree ("case_id") WHERE state in ('draft', 'awaiting_approval', 'awaiting_acceptance');--> statement-breakpoint
CREATE INDEX "transfers_case" ON "transfers" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "transfers_workspace_state" ON "transfers" USING btree ("workspace_id","state","created_at");--> statement-breakpoint
CREATE INDEX "transfers_target_agent" ON "transfers" USING btree ("target_agent_id","state");--> statement-breakpoint
CREATE INDEX "transfers_expiry" ON "transfers" USING btree ("expires_at") WHERE expires_at is not null;