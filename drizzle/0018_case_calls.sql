CREATE TABLE "case_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"attendee" text NOT NULL,
	"link" text,
	"agenda" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"runner_id" uuid NOT NULL,
	"scheduled_by" uuid NOT NULL,
	"remind_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"missed_after" timestamp with time zone NOT NULL,
	"missed_at" timestamp with time zone,
	"held_activity_id" bigint,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_calls" ADD CONSTRAINT "case_calls_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_calls" ADD CONSTRAINT "case_calls_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_calls" ADD CONSTRAINT "case_calls_runner_id_users_id_fk" FOREIGN KEY ("runner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_calls" ADD CONSTRAINT "case_calls_scheduled_by_users_id_fk" FOREIGN KEY ("scheduled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_calls_case" ON "case_calls" USING btree ("case_id","starts_at");--> statement-breakpoint
CREATE INDEX "case_calls_runner" ON "case_calls" USING btree ("workspace_id","runner_id","starts_at");--> statement-breakpoint
CREATE INDEX "case_calls_remind" ON "case_calls" USING btree ("remind_at") WHERE state = 'scheduled' AND reminded_at IS NULL;--> statement-breakpoint
CREATE INDEX "case_calls_missed" ON "case_calls" USING btree ("missed_after") WHERE state = 'scheduled';