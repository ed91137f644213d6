DROP INDEX "person_records_name_key_trgm";--> statement-breakpoint
DROP INDEX "person_records_name_text_trgm";--> statement-breakpoint
DROP INDEX "person_records_name_tokens_gin";--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "name_tokens" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "name_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "name_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Backfill the person-level search columns from current records.
UPDATE "persons" p SET "name_tokens" = s.tokens, "name_key" = s.keys, "name_text" = s.texts
FROM (
  SELECT r.person_id,
         array(SELECT DISTINCT t FROM person_records r2, unnest(string_to_array(r2.name_key, ' ')) t WHERE r2.person_id = r.person_id AND r2.is_current ORDER BY t) AS tokens,
         string_agg(DISTINCT r.name_key, ' | ') AS keys,
         string_agg(DISTINCT r.name_text, ' | ') AS texts
  FROM person_records r WHERE r.is_current GROUP BY r.person_id
) s WHERE s.person_id = p.id;--> statement-breakpoint
CREATE INDEX "persons_name_tokens_gin" ON "persons" USING gin ("name_tokens");--> statement-breakpoint
CREATE INDEX "persons_name_key_trgm" ON "persons" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "persons_name_text_trgm" ON "persons" USING gin ("name_text" gin_trgm_ops);