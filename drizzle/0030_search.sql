CREATE TABLE "case_descriptions" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"words" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_descriptions" ADD CONSTRAINT "case_descriptions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_descriptions_search" ON "case_descriptions" USING gin ("words");--> statement-breakpoint
CREATE INDEX "activities_search" ON "activities" USING gin ((to_tsvector('english'::regconfig, "body") || to_tsvector('german'::regconfig, "body"))) WHERE kind in ('note', 'call');--> statement-breakpoint
CREATE INDEX "cases_search" ON "cases" USING gin ((to_tsvector('english'::regconfig, "subject") || to_tsvector('german'::regconfig, "subject")));--> statement-breakpoint
CREATE INDEX "cases_customer" ON "cases" USING btree ("customer_id") WHERE customer_id is not null;--> statement-breakpoint
CREATE INDEX "cases_contact" ON "cases" USING btree ("contact_id") WHERE contact_id is not null;--> statement-breakpoint
CREATE INDEX "contacts_search" ON "contacts" USING gin ((to_tsvector('simple'::regconfig, replace(replace(replace(replace(translate(lower("name" || ' ' || coalesce("email", '')), '@._+-', '     '), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')) || to_tsvector('simple'::regconfig, translate(translate(lower("name" || ' ' || coalesce("email", '')), '@._+-', '     '), 'äöüàáâèéêëìíîïòóôùúûñç', 'aouaaaeeeeiiiiooouuunc'))));--> statement-breakpoint
CREATE INDEX "customers_search" ON "customers" USING gin ((to_tsvector('simple'::regconfig, replace(replace(replace(replace(translate(lower("name"), '@._+-', '     '), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss')) || to_tsvector('simple'::regconfig, translate(translate(lower("name"), '@._+-', '     '), 'äöüàáâèéêëìíîïòóôùúûñç', 'aouaaaeeeeiiiiooouuunc'))));--> statement-breakpoint
-- The cases written before search came: their descriptions as search words.
INSERT INTO "case_descriptions" ("case_id", "words")
SELECT "id", to_tsvector('english'::regconfig, "description") || to_tsvector('german'::regconfig, "description")
FROM "cases" WHERE "description" <> '';
