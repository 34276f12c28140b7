CREATE TABLE "leave_plan_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"proposed_holder_id" uuid,
	"proposal" text DEFAULT '' NOT NULL,
	"handed_off" text DEFAULT '' NOT NULL,
	"validated" text DEFAULT '' NOT NULL,
	"follow_ups" text DEFAULT '' NOT NULL,
	"customer_told" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"transfer_id" uuid,
	"holder_id" uuid,
	"lead_note" text,
	"decided_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leave_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"leave_from" timestamp with time zone NOT NULL,
	"leave_until" timestamp with time zone NOT NULL,
	"backup_user_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"out_of_office_at" timestamp with time zone,
	"call_diversion" text,
	"call_diversion_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"team_email_at" timestamp with time zone,
	"raised_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "leave_plan_items" ADD CONSTRAINT "leave_plan_items_plan_id_leave_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."leave_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plan_items" ADD CONSTRAINT "leave_plan_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plan_items" ADD CONSTRAINT "leave_plan_items_proposed_holder_id_users_id_fk" FOREIGN KEY ("proposed_holder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plan_items" ADD CONSTRAINT "leave_plan_items_transfer_id_transfers_id_fk" FOREIGN KEY ("transfer_id") REFERENCES "public"."transfers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plan_items" ADD CONSTRAINT "leave_plan_items_holder_id_users_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plan_items" ADD CONSTRAINT "leave_plan_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plans" ADD CONSTRAINT "leave_plans_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plans" ADD CONSTRAINT "leave_plans_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leave_plans" ADD CONSTRAINT "leave_plans_backup_user_id_users_id_fk" FOREIGN KEY ("backup_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leave_plan_items_case" ON "leave_plan_items" USING btree ("plan_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "leave_plans_one_open" ON "leave_plans" USING btree ("workspace_id","user_id") WHERE state in ('draft', 'submitted');--> statement-breakpoint
CREATE INDEX "leave_plans_ws_from" ON "leave_plans" USING btree ("workspace_id","leave_from");--> statement-breakpoint
CREATE INDEX "leave_plans_to_raise" ON "leave_plans" USING btree ("leave_from") WHERE raised_at is null and state <> 'cancelled';