CREATE TABLE "allegation_perpetrators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allegation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"notes" text
);
--> statement-breakpoint
CREATE TABLE "allegation_types" (
	"code" text PRIMARY KEY NOT NULL,
	"category" text NOT NULL,
	"label_en" text NOT NULL,
	"label_uk" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allegation_victims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"allegation_id" uuid NOT NULL,
	"person_id" uuid,
	"person_record_id" uuid
);
--> statement-breakpoint
CREATE TABLE "allegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type_code" text NOT NULL,
	"when" text,
	"when_earliest" date,
	"when_latest" date,
	"facility_id" uuid,
	"place" text,
	"narrative" text,
	"source_id" uuid NOT NULL,
	"credibility" smallint DEFAULT 6 NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"sensitivity" text DEFAULT 'internal' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_episodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_record_id" uuid NOT NULL,
	"facility_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"from_date" text,
	"from_earliest" date,
	"from_latest" date,
	"to_date" text,
	"to_earliest" date,
	"to_latest" date,
	"notes" text,
	"sensitivity" text DEFAULT 'internal' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'unknown' NOT NULL,
	"settlement" text,
	"region" text,
	"country" text,
	"lat" double precision,
	"lon" double precision,
	"authority" text,
	"in_use" text,
	"in_use_earliest" date,
	"in_use_latest" date,
	"notes" text,
	"sensitivity" text DEFAULT 'internal' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "facility_names" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"facility_id" uuid NOT NULL,
	"name" text NOT NULL,
	"script" text DEFAULT 'unknown' NOT NULL,
	"name_text" text NOT NULL,
	"name_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"row_ref" text,
	"record_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes" uuid,
	"is_current" boolean DEFAULT true NOT NULL,
	"row_hash" text,
	"family_name" text,
	"given_name" text,
	"patronymic" text,
	"full_name" text,
	"script" text DEFAULT 'unknown' NOT NULL,
	"birth" text,
	"birth_earliest" date,
	"birth_latest" date,
	"birth_place" text,
	"sex" text DEFAULT 'unknown' NOT NULL,
	"citizenship" text,
	"unit" text,
	"rank" text,
	"service_number" text,
	"status" text DEFAULT 'unknown' NOT NULL,
	"status_date" text,
	"status_earliest" date,
	"status_latest" date,
	"name_text" text NOT NULL,
	"name_key" text NOT NULL,
	"person_id" uuid NOT NULL,
	"sensitivity" text DEFAULT 'internal' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"display_name" text NOT NULL,
	"display_name_latin" text,
	"status" text DEFAULT 'unknown' NOT NULL,
	"status_date" text,
	"status_earliest" date,
	"birth" text,
	"record_count" integer DEFAULT 0 NOT NULL,
	"sensitivity" text DEFAULT 'internal' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"origin" text,
	"language" text,
	"obtained" text,
	"obtained_earliest" date,
	"obtained_latest" date,
	"reliability" text DEFAULT 'F' NOT NULL,
	"sensitivity" text DEFAULT 'internal' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"url" text,
	"file_sha256" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "witnesses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pseudonym" text NOT NULL,
	"source_id" uuid,
	"identity_enc" text,
	"contact_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "witnesses_pseudonym_unique" UNIQUE("pseudonym")
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"action" text NOT NULL,
	"diff" jsonb
);
--> statement-breakpoint
CREATE TABLE "meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root" "bytea" NOT NULL,
	"note" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "custody_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evidence_id" uuid,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"details" jsonb,
	"leaf_index" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"media_type" text NOT NULL,
	"original_name" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_by" text NOT NULL,
	"source_id" uuid,
	"derived_from" uuid,
	"metadata" jsonb,
	"sensitivity" text DEFAULT 'internal' NOT NULL,
	"leaf_index" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_hashes" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"hash" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_leaves" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL,
	"hash" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"second_factor" boolean DEFAULT false NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "throttle_state" (
	"key" text PRIMARY KEY NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"totp_secret_enc" text,
	"totp_last_step" bigint,
	"disabled" boolean DEFAULT false NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "link_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"record_a" uuid NOT NULL,
	"record_b" uuid NOT NULL,
	"decision" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "link_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"record_a" uuid NOT NULL,
	"record_b" uuid NOT NULL,
	"weight" double precision NOT NULL,
	"probability" double precision NOT NULL,
	"explanation" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "link_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"incremental" boolean DEFAULT false NOT NULL,
	"params" jsonb NOT NULL,
	"stats" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes" uuid,
	"title" text NOT NULL,
	"statement" text NOT NULL,
	"kind" text NOT NULL,
	"query" jsonb NOT NULL,
	"method" text NOT NULL,
	"value" jsonb,
	"sources" jsonb,
	"checkpoint_size" bigint,
	"data_version" bigint,
	"status" text DEFAULT 'draft' NOT NULL,
	"computed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"evidence_sha256" text,
	"title" text,
	"text" text NOT NULL,
	"extracted_with" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_rejects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"import_id" uuid NOT NULL,
	"sheet" text,
	"row" integer NOT NULL,
	"column" text,
	"message" text NOT NULL,
	"raw" jsonb
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"imported_as" text NOT NULL,
	"source_id" uuid,
	"mapping" jsonb,
	"stats" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "allegation_perpetrators" ADD CONSTRAINT "allegation_perpetrators_allegation_id_allegations_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."allegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegation_victims" ADD CONSTRAINT "allegation_victims_allegation_id_allegations_id_fk" FOREIGN KEY ("allegation_id") REFERENCES "public"."allegations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegation_victims" ADD CONSTRAINT "allegation_victims_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegation_victims" ADD CONSTRAINT "allegation_victims_person_record_id_person_records_id_fk" FOREIGN KEY ("person_record_id") REFERENCES "public"."person_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegations" ADD CONSTRAINT "allegations_type_code_allegation_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."allegation_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegations" ADD CONSTRAINT "allegations_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allegations" ADD CONSTRAINT "allegations_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_episodes" ADD CONSTRAINT "custody_episodes_person_record_id_person_records_id_fk" FOREIGN KEY ("person_record_id") REFERENCES "public"."person_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_episodes" ADD CONSTRAINT "custody_episodes_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_episodes" ADD CONSTRAINT "custody_episodes_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facility_names" ADD CONSTRAINT "facility_names_facility_id_facilities_id_fk" FOREIGN KEY ("facility_id") REFERENCES "public"."facilities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_records" ADD CONSTRAINT "person_records_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_records" ADD CONSTRAINT "person_records_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "witnesses" ADD CONSTRAINT "witnesses_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rejects" ADD CONSTRAINT "import_rejects_import_id_import_runs_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allegation_perpetrators_allegation_idx" ON "allegation_perpetrators" USING btree ("allegation_id");--> statement-breakpoint
CREATE INDEX "allegation_victims_allegation_idx" ON "allegation_victims" USING btree ("allegation_id");--> statement-breakpoint
CREATE INDEX "allegation_victims_person_idx" ON "allegation_victims" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "allegations_type_idx" ON "allegations" USING btree ("type_code");--> statement-breakpoint
CREATE INDEX "allegations_facility_idx" ON "allegations" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "allegations_source_idx" ON "allegations" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "custody_record_idx" ON "custody_episodes" USING btree ("person_record_id");--> statement-breakpoint
CREATE INDEX "custody_facility_idx" ON "custody_episodes" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "facility_names_facility_idx" ON "facility_names" USING btree ("facility_id");--> statement-breakpoint
CREATE INDEX "facility_names_key_trgm" ON "facility_names" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "facility_names_text_trgm" ON "facility_names" USING gin ("name_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_records_person_idx" ON "person_records" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "person_records_source_idx" ON "person_records" USING btree ("source_id","record_key");--> statement-breakpoint
CREATE INDEX "person_records_name_key_trgm" ON "person_records" USING gin ("name_key" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_records_name_text_trgm" ON "person_records" USING gin ("name_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_records_birth_idx" ON "person_records" USING btree ("birth_earliest");--> statement-breakpoint
CREATE INDEX "persons_status_idx" ON "persons" USING btree ("status");--> statement-breakpoint
CREATE INDEX "persons_display_name_idx" ON "persons" USING btree ("display_name");--> statement-breakpoint
CREATE INDEX "sources_kind_idx" ON "sources" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "sources_title_trgm" ON "sources" USING gin (lower("title") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_events" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "custody_events_evidence_idx" ON "custody_events" USING btree ("evidence_id");--> statement-breakpoint
CREATE INDEX "evidence_sha_idx" ON "evidence_items" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "evidence_source_idx" ON "evidence_items" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "link_decisions_ab" ON "link_decisions" USING btree ("record_a","record_b");--> statement-breakpoint
CREATE UNIQUE INDEX "link_pairs_ab" ON "link_pairs" USING btree ("record_a","record_b");--> statement-breakpoint
CREATE INDEX "link_pairs_status_idx" ON "link_pairs" USING btree ("status","probability");--> statement-breakpoint
CREATE INDEX "findings_slug_idx" ON "findings" USING btree ("slug","version");--> statement-breakpoint
CREATE INDEX "documents_source_idx" ON "documents" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "import_runs_sha_idx" ON "import_runs" USING btree ("file_sha256");