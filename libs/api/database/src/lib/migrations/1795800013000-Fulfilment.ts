import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795800010000-AuditTrail';

/**
 * What the performing departments tell about an order before (and besides) its results: the lab's specimens
 * (FHIR Specimen) and the PACS's studies (ImagingStudy), which both change over time — a specimen is received,
 * then found haemolysed; a study gains series. These rows are updated, never deleted, and every version is
 * kept: `record_fulfilment_version()` copies each inserted or updated row into `fulfilment_versions`
 * (append-only), which is what FHIR vread serves. `guard_versioned_row()` lets an UPDATE through only when it
 * moves the version on by one and leaves the row's identity (order, patient, encounter, creation) alone.
 */
export class Fulfilment1795800013000 implements MigrationInterface {
  name = 'Fulfilment1795800013000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE specimens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        order_id uuid NOT NULL REFERENCES orders(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        source_system varchar(100) NOT NULL,
        accession varchar(100) NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('available', 'unavailable', 'unsatisfactory', 'entered_in_error')),
        type_code varchar(20) NOT NULL,
        type_display text,
        collected_at timestamptz,
        received_at timestamptz,
        collector text,
        note text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        UNIQUE (facility_id, source_system, accession)
      );
      CREATE INDEX specimens_order ON specimens (order_id);
      CREATE INDEX specimens_patient ON specimens (facility_id, patient_id, updated_at);

      -- Studies were append-only; the PACS now announces a study (registered) and completes it (available).
      DROP TRIGGER imaging_studies_append_only ON imaging_studies;
      ALTER TABLE imaging_studies
        ADD COLUMN status varchar(20) NOT NULL DEFAULT 'available' CHECK (status IN ('registered', 'available', 'cancelled', 'entered_in_error')),
        ADD COLUMN source_system varchar(100),
        ADD COLUMN updated_at timestamptz,
        ADD COLUMN version integer NOT NULL DEFAULT 1;
      UPDATE imaging_studies SET updated_at = created_at;
      ALTER TABLE imaging_studies ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN status DROP DEFAULT;

      CREATE TABLE fulfilment_versions (
        resource_type varchar(20) NOT NULL,
        resource_id uuid NOT NULL,
        version integer NOT NULL,
        snapshot jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (resource_type, resource_id, version)
      );
      CREATE TRIGGER fulfilment_versions_append_only BEFORE UPDATE OR DELETE ON fulfilment_versions FOR EACH ROW EXECUTE FUNCTION reject_modification();

      CREATE FUNCTION guard_versioned_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION '% rows are never deleted (mark them entered_in_error)', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.version <> OLD.version + 1 OR NEW.id <> OLD.id OR NEW.facility_id <> OLD.facility_id OR NEW.order_id <> OLD.order_id
           OR NEW.patient_id <> OLD.patient_id OR NEW.encounter_id <> OLD.encounter_id OR NEW.created_at <> OLD.created_at THEN
          RAISE EXCEPTION 'an update of % moves its version on by one and keeps its order, patient and encounter', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;

      CREATE FUNCTION record_fulfilment_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO fulfilment_versions (resource_type, resource_id, version, snapshot) VALUES (TG_ARGV[0], NEW.id, NEW.version, to_jsonb(NEW));
        RETURN NULL;
      END $$;

      CREATE TRIGGER specimens_guard BEFORE UPDATE OR DELETE ON specimens FOR EACH ROW EXECUTE FUNCTION guard_versioned_row();
      CREATE TRIGGER imaging_studies_guard BEFORE UPDATE OR DELETE ON imaging_studies FOR EACH ROW EXECUTE FUNCTION guard_versioned_row();
      CREATE TRIGGER specimens_versions AFTER INSERT OR UPDATE ON specimens FOR EACH ROW EXECUTE FUNCTION record_fulfilment_version('specimen');
      CREATE TRIGGER imaging_studies_versions AFTER INSERT OR UPDATE ON imaging_studies FOR EACH ROW EXECUTE FUNCTION record_fulfilment_version('imaging_study');
      INSERT INTO fulfilment_versions (resource_type, resource_id, version, snapshot, recorded_at) SELECT 'imaging_study', s.id, s.version, to_jsonb(s), s.created_at FROM imaging_studies s;

      GRANT UPDATE ON imaging_studies TO ${APP_ROLE};
      REVOKE DELETE ON specimens, imaging_studies FROM ${APP_ROLE};
      REVOKE UPDATE, DELETE ON fulfilment_versions FROM ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TRIGGER imaging_studies_versions ON imaging_studies;
      DROP TRIGGER imaging_studies_guard ON imaging_studies;
      DROP TABLE fulfilment_versions, specimens;
      DROP FUNCTION record_fulfilment_version();
      DROP FUNCTION guard_versioned_row();
      ALTER TABLE imaging_studies DROP COLUMN status, DROP COLUMN source_system, DROP COLUMN updated_at, DROP COLUMN version;
      CREATE TRIGGER imaging_studies_append_only BEFORE UPDATE OR DELETE ON imaging_studies FOR EACH ROW EXECUTE FUNCTION reject_modification();
      REVOKE UPDATE ON imaging_studies FROM ${APP_ROLE};
    `);
  }
}
