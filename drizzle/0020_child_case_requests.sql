CREATE TABLE "child_case_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"parent_case_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"reason" text NOT NULL,
	"subject" text NOT NULL,
	"draft" jsonb NOT NULL,
	"state" text NOT NULL,
	"child_case_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "child_case_requests" ADD CONSTRAINT "child_case_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_case_requests" ADD CONSTRAINT "child_case_requests_parent_case_id_cases_id_fk" FOREIGN KEY ("parent_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_case_requests" ADD CONSTRAINT "child_case_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_case_requests" ADD CONSTRAINT "child_case_requests_child_case_id_cases_id_fk" FOREIGN KEY ("child_case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_case_requests_ws_state" ON "child_case_requests" USING btree ("workspace_id","state","created_at");--> statement-breakpoint
CREATE INDEX "child_case_requests_parent" ON "child_case_requests" USING btree ("parent_case_id");--> statement-breakpoint
CREATE INDEX "cases_parent" ON "cases" USING btree ("parent_case_id") WHERE parent_case_id is not null;