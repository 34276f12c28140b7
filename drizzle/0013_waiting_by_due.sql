DROP INDEX "cases_waiting";--> statement-breakpoint
CREATE INDEX "cases_waiting" ON "cases" USING btree ("workspace_id","queue","sla_due_at","created_at") WHERE owner_id is null;