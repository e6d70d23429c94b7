import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outpatient visits and inpatient stays as workflows: movements between departments and beds, diagnoses
 * (ICD-10, with the catalogue version used), discharge outcome and type, record numbers by a per-facility
 * pattern, optimistic locking. A bed's single occupant stays enforced by `encounters_bed_occupied_key`.
 */
export class EncountersWorkflow1795800005000 implements MigrationInterface {
  name = 'EncountersWorkflow1795800005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE encounters
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN attending_doctor_id uuid REFERENCES users(id),
        ADD COLUMN admission_source varchar(12) CHECK (admission_source IN ('emergency', 'outpatient', 'referral')),
        ADD COLUMN outpatient_stage varchar(12) CHECK (outpatient_stage IN ('registered', 'examining', 'concluded')),
        ADD COLUMN outpatient_conclusion varchar(16) CHECK (outpatient_conclusion IN ('home_treatment', 'admitted', 'referred', 'follow_up')),
        ADD COLUMN referred_to text,
        ADD COLUMN follow_up_date date,
        ADD COLUMN reason text,
        ADD COLUMN discharge_outcome varchar(10) CHECK (discharge_outcome IN ('recovered', 'improved', 'unchanged', 'worse', 'died')),
        ADD COLUMN discharge_type varchar(24) CHECK (discharge_type IN ('discharged', 'referred', 'left_against_advice', 'requested')),
        ADD COLUMN origin_encounter_id uuid REFERENCES encounters(id),
        ADD CONSTRAINT encounters_outpatient_has_stage_check CHECK ((type = 'outpatient') = (outpatient_stage IS NOT NULL)),
        ADD CONSTRAINT encounters_discharge_complete_check CHECK (type <> 'inpatient' OR (status = 'finished') = (discharge_outcome IS NOT NULL AND discharge_type IS NOT NULL));
      UPDATE encounters SET admission_source = 'emergency' WHERE type = 'inpatient' AND admission_source IS NULL;

      CREATE TABLE encounter_movements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        bed_id uuid REFERENCES beds(id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        reason text,
        moved_by uuid REFERENCES users(id),
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      );
      CREATE UNIQUE INDEX encounter_movements_one_open_key ON encounter_movements (encounter_id) WHERE ended_at IS NULL;
      CREATE INDEX encounter_movements_encounter_idx ON encounter_movements (encounter_id, started_at);
      INSERT INTO encounter_movements (facility_id, encounter_id, department_id, bed_id, started_at, ended_at)
        SELECT facility_id, id, department_id, bed_id, started_at, ended_at FROM encounters;

      CREATE TABLE encounter_diagnoses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        role varchar(12) NOT NULL CHECK (role IN ('admission', 'principal', 'secondary', 'discharge')),
        code varchar(10) NOT NULL,
        title text NOT NULL,
        catalogue_version text NOT NULL,
        recorded_at timestamptz NOT NULL,
        recorded_by uuid REFERENCES users(id)
      );
      CREATE INDEX encounter_diagnoses_encounter_idx ON encounter_diagnoses (encounter_id);
      CREATE INDEX encounter_diagnoses_code_idx ON encounter_diagnoses (code);

      -- Số lưu trữ: a pattern per facility ({dept}, {yyyy}, {yy}, {seq:N}) and a counter per facility and year.
      CREATE TABLE encounter_settings (
        facility_id uuid PRIMARY KEY REFERENCES facilities(id),
        record_number_pattern text NOT NULL DEFAULT '{yyyy}.{dept}.{seq:6}'
      );
      CREATE TABLE record_number_counters (
        facility_id uuid NOT NULL REFERENCES facilities(id),
        year smallint NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (facility_id, year)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE record_number_counters, encounter_settings, encounter_diagnoses, encounter_movements;
      ALTER TABLE encounters
        DROP CONSTRAINT encounters_discharge_complete_check, DROP CONSTRAINT encounters_outpatient_has_stage_check,
        DROP COLUMN origin_encounter_id, DROP COLUMN discharge_type, DROP COLUMN discharge_outcome, DROP COLUMN reason,
        DROP COLUMN follow_up_date, DROP COLUMN referred_to, DROP COLUMN outpatient_conclusion, DROP COLUMN outpatient_stage,
        DROP COLUMN admission_source, DROP COLUMN attending_doctor_id, DROP COLUMN version;
    `);
  }
}
