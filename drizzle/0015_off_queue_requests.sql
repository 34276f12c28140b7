CREATE TABLE "off_queue_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"hours" integer NOT NULL,
	"state" text NOT NULL,
	"started_at" timestamp with time zone,
	"until" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"ended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "off_queue_requests" ADD CONSTRAINT "off_queue_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "off_queue_requests" ADD CONSTRAINT "off_queue_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "off_queue_one_open" ON "off_queue_requests" USING btree ("workspace_id","user_id") WHERE state in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "off_queue_ws_state" ON "off_queue_requests" USING btree ("workspace_id","state","created_at");--> statement-breakpoint
CREATE INDEX "off_queue_due" ON "off_queue_requests" USING btree ("until") WHERE state = 'approved';