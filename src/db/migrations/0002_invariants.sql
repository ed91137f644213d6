-- Invariants the database itself enforces, on PGlite and PostgreSQL alike.

-- 1. Evidence rows, custody events, log leaves, stored hashes and checkpoints are append-only.
CREATE OR REPLACE FUNCTION vigil_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append-only table %: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END $$;--> statement-breakpoint
CREATE TRIGGER evidence_items_append_only BEFORE UPDATE OR DELETE ON evidence_items FOR EACH ROW EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER custody_events_append_only BEFORE UPDATE OR DELETE ON custody_events FOR EACH ROW EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER log_leaves_append_only BEFORE UPDATE OR DELETE ON log_leaves FOR EACH ROW EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER log_hashes_append_only BEFORE UPDATE OR DELETE ON log_hashes FOR EACH ROW EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER checkpoints_append_only BEFORE UPDATE OR DELETE ON checkpoints FOR EACH ROW EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER evidence_items_no_truncate BEFORE TRUNCATE ON evidence_items FOR EACH STATEMENT EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER custody_events_no_truncate BEFORE TRUNCATE ON custody_events FOR EACH STATEMENT EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER log_leaves_no_truncate BEFORE TRUNCATE ON log_leaves FOR EACH STATEMENT EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION vigil_reject_change();--> statement-breakpoint

-- 2. A person record's content is never edited in place (corrections are new versions); only its
--    link to a person and whether it is the current version may change, and it is never deleted.
CREATE OR REPLACE FUNCTION vigil_person_record_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'person_records are never deleted' USING ERRCODE = 'P0001';
  END IF;
  IF (OLD.source_id, OLD.row_ref, OLD.record_key, OLD.version, OLD.supersedes, OLD.row_hash, OLD.family_name,
      OLD.given_name, OLD.patronymic, OLD.full_name, OLD.script, OLD.birth, OLD.birth_place, OLD.sex,
      OLD.citizenship, OLD.unit, OLD.rank, OLD.service_number, OLD.status, OLD.status_date, OLD.created_at, OLD.created_by)
     IS DISTINCT FROM
     (NEW.source_id, NEW.row_ref, NEW.record_key, NEW.version, NEW.supersedes, NEW.row_hash, NEW.family_name,
      NEW.given_name, NEW.patronymic, NEW.full_name, NEW.script, NEW.birth, NEW.birth_place, NEW.sex,
      NEW.citizenship, NEW.unit, NEW.rank, NEW.service_number, NEW.status, NEW.status_date, NEW.created_at, NEW.created_by) THEN
    RAISE EXCEPTION 'person_records content is immutable; add a new version instead' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER person_records_immutable BEFORE UPDATE OR DELETE ON person_records FOR EACH ROW EXECUTE FUNCTION vigil_person_record_immutable();--> statement-breakpoint

-- 3. Published findings are frozen: a newer version supersedes, never overwrites.
CREATE OR REPLACE FUNCTION vigil_finding_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published finding % is frozen', OLD.id USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER findings_frozen BEFORE UPDATE OR DELETE ON findings FOR EACH ROW EXECUTE FUNCTION vigil_finding_frozen();--> statement-breakpoint

-- 4. The controlled vocabulary of allegation types, stored as data.
INSERT INTO allegation_types (code, category, label_en, label_uk) VALUES
  ('beating','torture','Beating','Побиття'),
  ('electric_shock','torture','Electric shocks','Катування електрострумом'),
  ('stress_position','torture','Stress positions','Стресові пози'),
  ('suffocation','torture','Suffocation or waterboarding','Задушення або катування водою'),
  ('sexual_violence','torture','Sexual violence','Сексуальне насильство'),
  ('threats_mock_execution','torture','Threats or mock execution','Погрози або імітація страти'),
  ('dog_attack','torture','Dog attacks','Напади собак'),
  ('deprivation','ill_treatment','Deprivation of food, water or sleep','Позбавлення їжі, води чи сну'),
  ('denial_medical_care','ill_treatment','Denial of medical care','Відмова в медичній допомозі'),
  ('forced_labour','ill_treatment','Forced labour','Примусова праця'),
  ('forced_confession','propaganda','Forced confession or propaganda recording','Примусове зізнання або пропагандистський запис'),
  ('incommunicado','detention','Incommunicado detention / denial of ICRC access','Утримання без зв’язку / відмова в доступі МКЧХ'),
  ('death_in_custody','death','Death in custody','Смерть під вартою'),
  ('execution','death','Execution','Страта'),
  ('enforced_disappearance','detention','Enforced disappearance','Насильницьке зникнення')
ON CONFLICT (code) DO NOTHING;
