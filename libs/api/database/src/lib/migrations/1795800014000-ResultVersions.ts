import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A result and its corrections as versions of one resource. A correction stays a new row (nothing is overwritten)
 * but now carries the `logical_id` of the first row of its chain and its `revision` (1, 2, …), so the FHIR facade
 * can serve one DiagnosticReport/Observation whose versions are the chain: read gives the current row, vread any,
 * and an update (PUT) records a correction. The database derives both from `supersedes_id` on insert, so every
 * writer (results service, HL7 v2, bulk loads) gets them right.
 */
export class ResultVersions1795800014000 implements MigrationInterface {
  name = 'ResultVersions1795800014000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['diagnostic_reports', 'observations']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN logical_id uuid, ADD COLUMN revision integer`);
      // Existing chains, oldest first; the guard refuses any UPDATE, so it is held off for this one backfill.
      await q.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_guard`);
      await q.query(`
        WITH RECURSIVE chain AS (
          SELECT id, id AS logical_id, 1 AS revision FROM ${table} WHERE supersedes_id IS NULL
          UNION ALL
          SELECT t.id, c.logical_id, c.revision + 1 FROM ${table} t JOIN chain c ON t.supersedes_id = c.id
        )
        UPDATE ${table} t SET logical_id = c.logical_id, revision = c.revision FROM chain c WHERE c.id = t.id`);
      await q.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_guard`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN logical_id SET NOT NULL, ALTER COLUMN revision SET NOT NULL`);
      await q.query(`CREATE UNIQUE INDEX ${table}_version ON ${table} (logical_id, revision)`);
      // One current row per chain, checked at commit: a correction is inserted before its predecessor is marked.
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_one_current EXCLUDE USING btree (logical_id WITH =) WHERE (superseded_by_id IS NULL) DEFERRABLE INITIALLY DEFERRED`);
    }
    // The FHIR search indexes (1795800012000) again, on what the searches now read: current rows, ordered by logical id.
    await q.query(`
      DROP INDEX observations_patient_effective, observations_patient_code_effective;
      CREATE INDEX observations_patient_effective ON observations (facility_id, patient_id, (COALESCE(effective_at, issued)) DESC, logical_id) WHERE superseded_by_id IS NULL;
      CREATE INDEX observations_patient_code_effective ON observations (facility_id, patient_id, code, (COALESCE(effective_at, issued)) DESC, logical_id) WHERE superseded_by_id IS NULL;
    `);
    await q.query(`
      CREATE FUNCTION number_result_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.supersedes_id IS NULL THEN
          NEW.logical_id := NEW.id;
          NEW.revision := 1;
        ELSE
          EXECUTE format('SELECT logical_id, revision + 1 FROM %I WHERE id = $1', TG_TABLE_NAME) INTO NEW.logical_id, NEW.revision USING NEW.supersedes_id;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER diagnostic_reports_version BEFORE INSERT ON diagnostic_reports FOR EACH ROW EXECUTE FUNCTION number_result_version();
      CREATE TRIGGER observations_version BEFORE INSERT ON observations FOR EACH ROW EXECUTE FUNCTION number_result_version();
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX observations_patient_effective, observations_patient_code_effective;
      CREATE INDEX observations_patient_effective ON observations (facility_id, patient_id, (COALESCE(effective_at, issued)) DESC, id);
      CREATE INDEX observations_patient_code_effective ON observations (facility_id, patient_id, code, (COALESCE(effective_at, issued)) DESC, id);
    `);
    await q.query(`DROP TRIGGER diagnostic_reports_version ON diagnostic_reports; DROP TRIGGER observations_version ON observations; DROP FUNCTION number_result_version()`);
    for (const table of ['diagnostic_reports', 'observations']) await q.query(`ALTER TABLE ${table} DROP COLUMN logical_id, DROP COLUMN revision`);
  }
}
