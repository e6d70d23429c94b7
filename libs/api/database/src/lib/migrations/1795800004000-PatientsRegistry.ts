import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full registration record (R2): demographics, address under the 2025 two-level administration,
 * guardian, BHYT card, temporary identities, merges, optimistic locking, and search indexes that hold
 * at a million patients (trigram GIN on the folded name; b-trees on every identifier).
 */
export class PatientsRegistry1795800004000 implements MigrationInterface {
  name = 'PatientsRegistry1795800004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      ALTER TABLE patients
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN identity_status varchar(12) NOT NULL DEFAULT 'verified' CHECK (identity_status IN ('verified', 'temporary')),
        ADD COLUMN temporary_reason varchar(20) CHECK (temporary_reason IN ('newborn', 'unidentified', 'foreigner')),
        ADD COLUMN ethnicity_code varchar(2),
        ADD COLUMN nationality char(2) NOT NULL DEFAULT 'VN' CHECK (nationality ~ '^[A-Z]{2}$'),
        ADD COLUMN occupation text,
        ADD COLUMN address_province_code varchar(2),
        ADD COLUMN address_commune_code varchar(5),
        ADD COLUMN address_street text,
        ADD COLUMN phone varchar(15),
        ADD COLUMN guardian_name text,
        ADD COLUMN guardian_relationship text,
        ADD COLUMN guardian_phone varchar(15),
        ADD COLUMN insurance_card_number char(15),
        ADD COLUMN insurance_valid_from date,
        ADD COLUMN insurance_valid_to date,
        ADD COLUMN insurance_facility_code char(5),
        ADD COLUMN merged_into_id uuid REFERENCES patients(id),
        ADD COLUMN merged_at timestamptz,
        ADD CONSTRAINT patients_temporary_identity_check CHECK ((identity_status = 'temporary') = (temporary_reason IS NOT NULL)),
        ADD CONSTRAINT patients_insurance_dates_check CHECK (insurance_valid_from IS NULL OR insurance_valid_to IS NULL OR insurance_valid_from <= insurance_valid_to),
        ADD CONSTRAINT patients_not_merged_into_self CHECK (merged_into_id IS NULL OR merged_into_id <> id);

      -- A CCCD identifies one live record; a record merged away keeps its history but not the claim.
      DROP INDEX patients_citizen_id_key;
      CREATE UNIQUE INDEX patients_citizen_id_key ON patients (facility_id, citizen_id) WHERE citizen_id IS NOT NULL AND merged_into_id IS NULL;
      CREATE INDEX patients_insurance_card_idx ON patients (facility_id, insurance_card_number) WHERE insurance_card_number IS NOT NULL;
      CREATE INDEX patients_phone_idx ON patients (facility_id, phone) WHERE phone IS NOT NULL;
      CREATE INDEX patients_duplicate_check_idx ON patients (facility_id, search_name, birth_year, sex);
      CREATE INDEX patients_search_name_trgm_idx ON patients USING gin (search_name gin_trgm_ops);
      CREATE INDEX patients_merged_into_idx ON patients (merged_into_id) WHERE merged_into_id IS NOT NULL;

      -- Patient codes are issued from a counter per facility and year: unique and never reused.
      CREATE TABLE patient_code_counters (
        facility_id uuid NOT NULL REFERENCES facilities(id),
        year smallint NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (facility_id, year)
      );
      INSERT INTO patient_code_counters (facility_id, year, last_value)
        SELECT facility_id, 2000 + substring(patient_code from 3 for 2)::int, max(substring(patient_code from 5)::int)
          FROM patients WHERE patient_code ~ '^BN[0-9]{8}$'
         GROUP BY facility_id, substring(patient_code from 3 for 2);

      CREATE TABLE patient_merges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        source_patient_id uuid NOT NULL REFERENCES patients(id),
        target_patient_id uuid NOT NULL REFERENCES patients(id),
        merged_by uuid NOT NULL REFERENCES users(id),
        merged_at timestamptz NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) >= 5)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE patient_merges, patient_code_counters;
      DROP INDEX patients_merged_into_idx, patients_search_name_trgm_idx, patients_duplicate_check_idx, patients_phone_idx, patients_insurance_card_idx, patients_citizen_id_key;
      CREATE UNIQUE INDEX patients_citizen_id_key ON patients (facility_id, citizen_id) WHERE citizen_id IS NOT NULL;
      ALTER TABLE patients
        DROP CONSTRAINT patients_not_merged_into_self, DROP CONSTRAINT patients_insurance_dates_check, DROP CONSTRAINT patients_temporary_identity_check,
        DROP COLUMN merged_at, DROP COLUMN merged_into_id, DROP COLUMN insurance_facility_code, DROP COLUMN insurance_valid_to,
        DROP COLUMN insurance_valid_from, DROP COLUMN insurance_card_number, DROP COLUMN guardian_phone, DROP COLUMN guardian_relationship,
        DROP COLUMN guardian_name, DROP COLUMN phone, DROP COLUMN address_street, DROP COLUMN address_commune_code,
        DROP COLUMN address_province_code, DROP COLUMN occupation, DROP COLUMN nationality, DROP COLUMN ethnicity_code,
        DROP COLUMN temporary_reason, DROP COLUMN identity_status, DROP COLUMN version;
    `);
  }
}
