CREATE TABLE "case_clock_alarms" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"told" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "response_clock_from" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "last_public_reply_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "customer_waiting_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "return_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_alarm_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_clock_alarms" ADD CONSTRAINT "case_clock_alarms_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_clock_alarms_once" ON "case_clock_alarms" USING btree ("case_id","clock","kind","due_at");--> statement-breakpoint
CREATE INDEX "cases_ws_sla_due" ON "cases" USING btree ("workspace_id","sla_due_at","number");--> statement-breakpoint
CREATE INDEX "cases_sla_alarm" ON "cases" USING btree ("sla_alarm_at") WHERE sla_alarm_at is not null;--> statement-breakpoint
-- Cases opened before the clocks moved: measured from their opening, and looked at by the alarm job.
UPDATE "cases" SET "response_clock_from" = "created_at";--> statement-breakpoint
UPDATE "cases" SET "sla_due_at" = least("first_response_due_at", "next_update_due_at"), "sla_alarm_at" = least("first_response_due_at", "next_update_due_at") WHERE "status" IN ('new', 'active');
