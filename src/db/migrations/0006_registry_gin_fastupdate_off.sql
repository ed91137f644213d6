DROP INDEX "persons_name_tokens_gin";--> statement-breakpoint
DROP INDEX "persons_name_key_trgm";--> statement-breakpoint
DROP INDEX "persons_name_text_trgm";--> statement-breakpoint
CREATE INDEX "persons_name_tokens_gin" ON "persons" USING gin ("name_tokens") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "persons_name_key_trgm" ON "persons" USING gin ("name_key" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "persons_name_text_trgm" ON "persons" USING gin ("name_text" gin_trgm_ops) WITH (fastupdate=false);