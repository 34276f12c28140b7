-- A transfer waiting only on steps people do (notes, telling the customer) was stored as "draft".
UPDATE "transfers" SET "state" = 'awaiting_steps' WHERE "state" = 'draft';--> statement-breakpoint
DROP INDEX "transfers_one_open_per_case";--> statement-breakpoint
CREATE UNIQUE INDEX "transfers_one_open_per_case" ON "transfers" USING btree ("case_id") WHERE state in ('awaiting_steps', 'awaiting_approval', 'awaiting_acceptance');
