import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Wards and beds of each department, and the episodes of care (outpatient visit, inpatient stay). */
export class EncountersInit1795800002000 implements MigrationInterface {
  name = 'EncountersInit1795800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE wards (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        code varchar(20) NOT NULL,
        name text NOT NULL,
        UNIQUE (facility_id, code)
      );
      CREATE TABLE beds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        ward_id uuid NOT NULL REFERENCES wards(id),
        code varchar(20) NOT NULL,
        active boolean NOT NULL DEFAULT true,
        UNIQUE (ward_id, code)
      );
      CREATE TABLE encounters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        type varchar(12) NOT NULL CHECK (type IN ('inpatient', 'outpatient')),
        status varchar(12) NOT NULL CHECK (status IN ('in_progress', 'finished')),
        department_id uuid NOT NULL REFERENCES departments(id),
        bed_id uuid REFERENCES beds(id),
        record_number varchar(30),
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'finished') = (ended_at IS NOT NULL))
      );
      CREATE UNIQUE INDEX encounters_bed_occupied_key ON encounters (bed_id) WHERE status = 'in_progress' AND bed_id IS NOT NULL;
      CREATE UNIQUE INDEX encounters_one_open_stay_key ON encounters (patient_id) WHERE status = 'in_progress' AND type = 'inpatient';
      CREATE INDEX encounters_department_open_idx ON encounters (department_id) WHERE status = 'in_progress';
      CREATE INDEX encounters_patient_idx ON encounters (patient_id, started_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE encounters, beds, wards;`);
  }
}
