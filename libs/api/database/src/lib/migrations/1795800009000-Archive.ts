import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = `'doctor', 'nurse', 'records_officer', 'inspector', 'admin'`;
const ROLES_AFTER = `'doctor', 'nurse', 'records_officer', 'director', 'inspector', 'admin'`;

/**
 * The records office's archive (R16–R18, R21). One row per archive generation of an encounter: where the
 * sealed PDF/A-3 file lives, its SHA-256 and size, a snapshot of what it is searched by, its retention and
 * legal hold. The identifying columns never change (trigger); only the state that must move does (status,
 * hold, re-open, fixity, disposal). Events (archiving, re-opening, holds, downloads with their purpose,
 * loans, disposals) are append-only; a disposal keeps the hash of what it destroyed forever. The director
 * role approves disposals.
 */
export class Archive1795800009000 implements MigrationInterface {
  name = 'Archive1795800009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users DROP CONSTRAINT users_roles_check;
      ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${ROLES_AFTER}]::text[]);

      CREATE TABLE archives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        generation integer NOT NULL CHECK (generation > 0),
        status varchar(12) NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'superseded', 'disposed')),
        lookup_code varchar(16) NOT NULL UNIQUE,
        store varchar(8) NOT NULL,
        store_key text NOT NULL,
        sha256 char(64) NOT NULL,
        size_bytes bigint NOT NULL,
        page_count integer NOT NULL,
        document_count integer NOT NULL,
        archived_at timestamptz NOT NULL,
        archived_by uuid NOT NULL REFERENCES users(id),
        -- What the archive is found by, as it was when archived.
        patient_name text NOT NULL,
        patient_name_folded text NOT NULL,
        patient_code varchar(20) NOT NULL,
        record_number varchar(30),
        encounter_type varchar(12) NOT NULL,
        department_name text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL,
        principal_diagnosis_code varchar(10),
        principal_diagnosis_name text,
        diagnosis_codes text[] NOT NULL,
        -- Retention (R21): null years = permanent.
        retention_years integer CHECK (retention_years > 0),
        retention_rule text NOT NULL,
        retention_categories text[] NOT NULL,
        retain_until date,
        CHECK ((retention_years IS NULL) = (retain_until IS NULL)),
        legal_hold_reason text,
        legal_hold_at timestamptz,
        legal_hold_by uuid REFERENCES users(id),
        reopened_at timestamptz,
        reopened_by uuid REFERENCES users(id),
        reopen_reason text,
        last_fixity_at timestamptz,
        last_fixity_outcome varchar(8) CHECK (last_fixity_outcome IN ('ok', 'missing', 'changed')),
        disposed_at timestamptz,
        UNIQUE (encounter_id, generation),
        UNIQUE (store, store_key)
      );
      CREATE INDEX archives_facility_ended ON archives (facility_id, ended_at DESC);
      CREATE INDEX archives_patient ON archives (patient_id);
      CREATE INDEX archives_record_number ON archives (facility_id, record_number);
      CREATE INDEX archives_diagnoses ON archives USING gin (diagnosis_codes);
      CREATE INDEX archives_name ON archives USING gin (patient_name_folded gin_trgm_ops);
      CREATE INDEX archives_retain_until ON archives (facility_id, retain_until) WHERE status <> 'disposed';
      -- At most one current generation per encounter.
      CREATE UNIQUE INDEX archives_one_current ON archives (encounter_id) WHERE status = 'stored';

      CREATE FUNCTION guard_archive() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'archives are never deleted (dispose of them instead)' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (NEW.id, NEW.facility_id, NEW.encounter_id, NEW.patient_id, NEW.generation, NEW.lookup_code, NEW.store, NEW.store_key,
            NEW.sha256, NEW.size_bytes, NEW.archived_at, NEW.archived_by, NEW.retention_years, NEW.retain_until, NEW.retention_rule)
           IS DISTINCT FROM
           (OLD.id, OLD.facility_id, OLD.encounter_id, OLD.patient_id, OLD.generation, OLD.lookup_code, OLD.store, OLD.store_key,
            OLD.sha256, OLD.size_bytes, OLD.archived_at, OLD.archived_by, OLD.retention_years, OLD.retain_until, OLD.retention_rule) THEN
          RAISE EXCEPTION 'an archive''s identity, hash and retention never change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'disposed' AND NEW.status <> 'disposed' THEN
          RAISE EXCEPTION 'a disposed archive stays disposed' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER archives_guard BEFORE UPDATE OR DELETE ON archives FOR EACH ROW EXECUTE FUNCTION guard_archive();
      CREATE TRIGGER archives_no_truncate BEFORE TRUNCATE ON archives FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();

      CREATE TABLE archive_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        -- Both null for facility-wide events (an export).
        archive_id uuid REFERENCES archives(id),
        encounter_id uuid REFERENCES encounters(id),
        kind varchar(20) NOT NULL CHECK (kind IN ('archived', 'reopened', 'hold_on', 'hold_off', 'download', 'loan', 'return',
          'disposal_proposed', 'disposal_approved', 'disposal_rejected', 'export')),
        at timestamptz NOT NULL,
        user_id uuid NOT NULL REFERENCES users(id),
        role varchar(20) NOT NULL,
        purpose text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX archive_events_archive ON archive_events (archive_id, at);
      CREATE TRIGGER archive_events_append_only BEFORE UPDATE OR DELETE ON archive_events FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER archive_events_no_truncate BEFORE TRUNCATE ON archive_events FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();

      CREATE TABLE archive_loans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        archive_id uuid NOT NULL REFERENCES archives(id),
        borrower text NOT NULL CHECK (length(trim(borrower)) > 0),
        purpose text NOT NULL CHECK (length(trim(purpose)) > 0),
        lent_at timestamptz NOT NULL,
        lent_by uuid NOT NULL REFERENCES users(id),
        due_at timestamptz NOT NULL,
        returned_at timestamptz,
        returned_by uuid REFERENCES users(id)
      );
      CREATE INDEX archive_loans_archive ON archive_loans (archive_id, lent_at);

      CREATE TABLE archive_disposals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        archive_id uuid NOT NULL REFERENCES archives(id),
        -- What was destroyed, kept forever.
        sha256 char(64) NOT NULL,
        size_bytes bigint NOT NULL,
        store varchar(8) NOT NULL,
        store_key text NOT NULL,
        generation integer NOT NULL,
        retain_until date,
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        status varchar(10) NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected')),
        proposed_at timestamptz NOT NULL,
        proposed_by uuid NOT NULL REFERENCES users(id),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        decision_reason text,
        disposed_at timestamptz,
        CHECK (decided_by IS NULL OR decided_by <> proposed_by)
      );
      CREATE UNIQUE INDEX archive_disposals_one_open ON archive_disposals (archive_id) WHERE status IN ('proposed', 'approved');
      CREATE TRIGGER archive_disposals_kept BEFORE DELETE ON archive_disposals FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER archive_disposals_no_truncate BEFORE TRUNCATE ON archive_disposals FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();

      -- The public verification page finds a printed version by the first digits of its hash.
      CREATE INDEX document_versions_hash_prefix ON document_versions (content_hash bpchar_pattern_ops);

      CREATE TABLE fixity_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        trigger varchar(10) NOT NULL CHECK (trigger IN ('schedule', 'manual', 'command')),
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        started_by uuid REFERENCES users(id),
        checked integer NOT NULL DEFAULT 0,
        ok integer NOT NULL DEFAULT 0,
        bytes_read bigint NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]'
      );
      CREATE INDEX fixity_runs_facility ON fixity_runs (facility_id, started_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE fixity_runs, archive_disposals, archive_loans, archive_events, archives;
      DROP FUNCTION guard_archive();
      DROP INDEX document_versions_hash_prefix;
      ALTER TABLE users DROP CONSTRAINT users_roles_check;
      ALTER TABLE users ADD CONSTRAINT users_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[${ROLES_BEFORE}]::text[]);
    `);
  }
}
