import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clinical documents on the Ministry's forms. Form schemas are versioned and never change once stored (a
 * document keeps the schema version it was written on); each facility's signer matrix and completeness
 * rule per form live in form_settings (R20). A document's versions are numbered; a draft may be saved again
 * by its author, a signed version never changes and no version is ever deleted: the trigger below says so
 * to every client of the database, not only to Benhan (R8). Sign-offs (which signer-matrix step was given
 * by whom, when) are append-only; the signatures module attaches the CMS signature to them.
 */
export class Documents1795800006000 implements MigrationInterface {
  name = 'Documents1795800006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE form_versions (
        code varchar(20) NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        title_vi text NOT NULL,
        title_en text NOT NULL,
        category varchar(20) NOT NULL,
        source text NOT NULL,
        encounter_types text[] NOT NULL,
        author_roles text[] NOT NULL,
        repeatable boolean NOT NULL,
        signers jsonb NOT NULL,
        required_for jsonb NOT NULL,
        requirement_group varchar(40),
        -- json, not jsonb: jsonb reorders keys, and a form's sections and fields print in the order written.
        schema json NOT NULL,
        uncertainties jsonb NOT NULL DEFAULT '[]',
        definition_hash char(64) NOT NULL,
        origin varchar(10) NOT NULL CHECK (origin IN ('shipped', 'uploaded')),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id),
        PRIMARY KEY (code, version)
      );
      CREATE TRIGGER form_versions_immutable BEFORE UPDATE OR DELETE ON form_versions
        FOR EACH ROW EXECUTE FUNCTION reject_modification();

      CREATE TABLE form_settings (
        facility_id uuid NOT NULL REFERENCES facilities(id),
        form_code varchar(20) NOT NULL,
        signers jsonb NOT NULL,
        required_for jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL,
        updated_by uuid REFERENCES users(id),
        PRIMARY KEY (facility_id, form_code)
      );

      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        form_code varchar(20) NOT NULL,
        title text,
        created_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id)
      );
      CREATE INDEX documents_encounter_idx ON documents (encounter_id, form_code);
      CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
        FOR EACH ROW EXECUTE FUNCTION reject_modification();

      CREATE TABLE document_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        document_id uuid NOT NULL REFERENCES documents(id),
        number integer NOT NULL CHECK (number > 0),
        status varchar(10) NOT NULL CHECK (status IN ('draft', 'signed')),
        reason text CHECK (number = 1 OR length(btrim(reason)) > 0),
        author_id uuid NOT NULL REFERENCES users(id),
        author_role varchar(20) NOT NULL,
        department_id uuid NOT NULL REFERENCES departments(id),
        form_code varchar(20) NOT NULL,
        schema_version integer NOT NULL,
        content jsonb NOT NULL,
        content_hash char(64) NOT NULL,
        effective_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        saved_at timestamptz NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        signed_at timestamptz,
        UNIQUE (document_id, number),
        FOREIGN KEY (form_code, schema_version) REFERENCES form_versions (code, version),
        CHECK ((status = 'signed') = (signed_at IS NOT NULL))
      );
      CREATE UNIQUE INDEX document_versions_one_draft_key ON document_versions (document_id) WHERE status = 'draft';
      CREATE INDEX document_versions_effective_idx ON document_versions (facility_id, effective_at);

      -- A draft may be saved again (same author, same identity); a signed version never changes; nothing is deleted.
      CREATE FUNCTION guard_document_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'document versions are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status <> 'draft' THEN
          RAISE EXCEPTION 'document version % of % is signed and immutable', OLD.number, OLD.document_id USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.id <> OLD.id OR NEW.document_id <> OLD.document_id OR NEW.number <> OLD.number OR NEW.author_id <> OLD.author_id
           OR NEW.facility_id <> OLD.facility_id OR NEW.created_at <> OLD.created_at OR NEW.form_code <> OLD.form_code
           OR NEW.reason IS DISTINCT FROM OLD.reason THEN
          RAISE EXCEPTION 'a draft keeps its identity, author and reason' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER document_versions_guard BEFORE UPDATE OR DELETE ON document_versions
        FOR EACH ROW EXECUTE FUNCTION guard_document_version();
      CREATE TRIGGER document_versions_no_truncate BEFORE TRUNCATE ON document_versions
        FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();

      CREATE TABLE document_signoffs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        version_id uuid NOT NULL REFERENCES document_versions(id),
        step integer NOT NULL CHECK (step > 0),
        signer_role varchar(20) NOT NULL,
        signer_id uuid NOT NULL REFERENCES users(id),
        signed_at timestamptz NOT NULL,
        UNIQUE (version_id, step)
      );
      CREATE TRIGGER document_signoffs_append_only BEFORE UPDATE OR DELETE ON document_signoffs
        FOR EACH ROW EXECUTE FUNCTION reject_modification();

      -- The records office closes a complete record for archiving; nothing is added to it afterwards.
      ALTER TABLE encounters
        ADD COLUMN record_closed_at timestamptz,
        ADD COLUMN record_closed_by uuid REFERENCES users(id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE encounters DROP COLUMN record_closed_by, DROP COLUMN record_closed_at;
      DROP TABLE document_signoffs, document_versions, documents, form_settings, form_versions;
      DROP FUNCTION guard_document_version();
    `);
  }
}
