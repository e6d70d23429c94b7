import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The patient registry's core; the patients issue adds the full Vietnamese field set. */
export class PatientsInit1795800001000 implements MigrationInterface {
  name = 'PatientsInit1795800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE patients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        patient_code varchar(20) NOT NULL,
        full_name text NOT NULL,
        search_name text NOT NULL,
        birth_date date,
        birth_year smallint NOT NULL CHECK (birth_year BETWEEN 1880 AND 2200),
        sex varchar(10) NOT NULL CHECK (sex IN ('male', 'female', 'other', 'unknown')),
        citizen_id char(12) CHECK (citizen_id ~ '^[0-9]{12}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (facility_id, patient_code)
      );
      CREATE UNIQUE INDEX patients_citizen_id_key ON patients (facility_id, citizen_id) WHERE citizen_id IS NOT NULL;
      CREATE INDEX patients_search_name_idx ON patients (facility_id, search_name text_pattern_ops);
      ALTER TABLE patient_care_assignments ADD CONSTRAINT patient_care_patient_fk FOREIGN KEY (patient_id) REFERENCES patients(id);
      ALTER TABLE break_glass_grants ADD CONSTRAINT break_glass_patient_fk FOREIGN KEY (patient_id) REFERENCES patients(id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE break_glass_grants DROP CONSTRAINT break_glass_patient_fk;
      ALTER TABLE patient_care_assignments DROP CONSTRAINT patient_care_patient_fk;
      DROP TABLE patients;
    `);
  }
}
