import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The nurses' care chart: vital-sign observations and medication administrations. Both are append-only
 * (reject_modification(), from IdentityInit): a wrong row is never edited or deleted but marked
 * entered-in-error by a row in a companion table, at most once per row (the primary key says so).
 */
export class CareChart1795800007000 implements MigrationInterface {
  name = 'CareChart1795800007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE vital_sign_observations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        kind varchar(20) NOT NULL CHECK (kind IN ('pulse', 'temperature', 'systolic_bp', 'diastolic_bp', 'respiratory_rate', 'spo2', 'weight', 'height')),
        value numeric(6, 2) NOT NULL,
        unit varchar(10) NOT NULL,
        loinc varchar(10) NOT NULL,
        flag varchar(6) NOT NULL CHECK (flag IN ('normal', 'low', 'high')),
        taken_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id)
      );
      -- The flowsheet: one encounter's observations over a time range, in time order.
      CREATE INDEX vital_sign_observations_encounter_idx ON vital_sign_observations (encounter_id, taken_at);

      CREATE TABLE vital_sign_entered_in_error (
        observation_id uuid PRIMARY KEY REFERENCES vital_sign_observations(id),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id)
      );

      CREATE TABLE medication_administrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        -- The treatment sheet (tờ điều trị) document and the order line inside its content (checked by the service
        -- against the sheet's latest version: an order line is JSON inside a version, out of a foreign key's reach).
        treatment_sheet_document_id uuid REFERENCES documents(id),
        order_id varchar(64),
        drug text NOT NULL,
        dose text NOT NULL,
        route varchar(12) NOT NULL CHECK (route IN ('oral', 'iv', 'im', 'sc', 'topical', 'inhaled', 'rectal', 'sublingual', 'other')),
        scheduled_at timestamptz,
        administered_at timestamptz,
        status varchar(8) NOT NULL CHECK (status IN ('given', 'held', 'refused', 'missed')),
        reason text,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        CHECK ((treatment_sheet_document_id IS NULL) = (order_id IS NULL)),
        CHECK (status <> 'given' OR administered_at IS NOT NULL),
        CHECK (status = 'given' OR length(btrim(coalesce(reason, ''))) > 0)
      );
      CREATE INDEX medication_administrations_encounter_idx ON medication_administrations (encounter_id, recorded_at);

      CREATE TABLE medication_administration_entered_in_error (
        administration_id uuid PRIMARY KEY REFERENCES medication_administrations(id),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        recorded_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id)
      );
    `);
    for (const table of ['vital_sign_observations', 'vital_sign_entered_in_error', 'medication_administrations', 'medication_administration_entered_in_error']) {
      await q.query(`
        CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION reject_modification();
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE medication_administration_entered_in_error, medication_administrations, vital_sign_entered_in_error, vital_sign_observations`);
  }
}
