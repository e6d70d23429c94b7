import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795800010000-AuditTrail';

/**
 * Orders and results (issue 8), FHIR-shaped: `orders` is a requisition (its status, priority, reason,
 * requester and the signed order sheet) and `order_items` its ServiceRequests; `diagnostic_reports`,
 * `observations` and `imaging_studies` hold what the LIS and PACS send back.
 *
 * Results are never overwritten: a correction is a new row whose `supersedes_id` names the row it replaces,
 * and the old row is only marked (`superseded_by_id`, `superseded_at`), once — `guard_result_row()` refuses
 * any other UPDATE and every DELETE. Items, studies and acknowledgements are append-only.
 */
export class Orders1795800011000 implements MigrationInterface {
  name = 'Orders1795800011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        category varchar(12) NOT NULL CHECK (category IN ('laboratory', 'imaging')),
        status varchar(20) NOT NULL CHECK (status IN ('draft', 'active', 'in_progress', 'completed', 'revoked', 'entered_in_error')),
        priority varchar(8) NOT NULL CHECK (priority IN ('routine', 'urgent', 'stat')),
        reason_code varchar(10),
        reason_title text,
        reason_text text,
        clinical_note text,
        requester_id uuid NOT NULL REFERENCES users(id),
        department_id uuid NOT NULL REFERENCES departments(id),
        document_id uuid REFERENCES documents(id),
        document_version_id uuid REFERENCES document_versions(id),
        signature_id uuid,
        authored_at timestamptz,
        status_reason text,
        status_changed_at timestamptz,
        status_changed_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CHECK (status = 'draft' OR status IN ('revoked', 'entered_in_error') OR signature_id IS NOT NULL)
      );
      CREATE INDEX orders_encounter ON orders (facility_id, encounter_id, created_at);
      CREATE INDEX orders_patient ON orders (facility_id, patient_id, created_at);

      CREATE TABLE order_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        order_id uuid NOT NULL REFERENCES orders(id),
        position smallint NOT NULL,
        service_code varchar(30) NOT NULL,
        loinc varchar(10),
        display text NOT NULL,
        members text[] NOT NULL DEFAULT '{}',
        modality varchar(4),
        body_site_code varchar(20),
        body_site_display text,
        UNIQUE (order_id, position)
      );

      CREATE TABLE imaging_studies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        order_id uuid NOT NULL REFERENCES orders(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        study_instance_uid varchar(64) NOT NULL CHECK (study_instance_uid ~ '^[0-9]+(\\.[0-9]+)*$'),
        modality varchar(4) NOT NULL,
        series_count integer NOT NULL CHECK (series_count >= 0),
        instance_count integer CHECK (instance_count >= 0),
        started_at timestamptz,
        endpoint_url text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (facility_id, study_instance_uid)
      );

      CREATE TABLE diagnostic_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        order_id uuid NOT NULL REFERENCES orders(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        category varchar(12) NOT NULL CHECK (category IN ('laboratory', 'imaging')),
        status varchar(20) NOT NULL CHECK (status IN ('preliminary', 'final', 'corrected', 'entered_in_error')),
        source_system varchar(100) NOT NULL,
        external_id varchar(100) NOT NULL,
        payload_hash char(64) NOT NULL,
        issued timestamptz NOT NULL,
        effective_at timestamptz,
        performer text,
        conclusion text,
        findings text,
        imaging_study_id uuid REFERENCES imaging_studies(id),
        abnormal boolean NOT NULL,
        critical boolean NOT NULL,
        supersedes_id uuid REFERENCES diagnostic_reports(id),
        -- Checked at commit: the current row is marked before its successor is inserted (one current row per report id).
        superseded_by_id uuid REFERENCES diagnostic_reports(id) DEFERRABLE INITIALLY DEFERRED,
        superseded_at timestamptz,
        created_at timestamptz NOT NULL
      );
      -- The same message twice records once; one current report per sender's report id.
      CREATE UNIQUE INDEX diagnostic_reports_message ON diagnostic_reports (facility_id, source_system, external_id, payload_hash);
      CREATE UNIQUE INDEX diagnostic_reports_current ON diagnostic_reports (facility_id, source_system, external_id) WHERE superseded_by_id IS NULL;
      CREATE INDEX diagnostic_reports_order ON diagnostic_reports (order_id);
      CREATE INDEX diagnostic_reports_inbox ON diagnostic_reports (facility_id, issued DESC) WHERE superseded_by_id IS NULL;

      CREATE TABLE observations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        report_id uuid NOT NULL REFERENCES diagnostic_reports(id),
        order_id uuid NOT NULL REFERENCES orders(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        encounter_id uuid NOT NULL REFERENCES encounters(id),
        position smallint NOT NULL,
        code varchar(30) NOT NULL,
        display text NOT NULL,
        value_quantity numeric,
        unit varchar(20),
        value_string text,
        reference_low numeric,
        reference_high numeric,
        reference_text text,
        interpretation varchar(2) CHECK (interpretation IN ('N', 'L', 'H', 'LL', 'HH', 'A')),
        status varchar(20) NOT NULL CHECK (status IN ('preliminary', 'final', 'corrected', 'entered_in_error')),
        effective_at timestamptz,
        issued timestamptz NOT NULL,
        performer text,
        supersedes_id uuid REFERENCES observations(id),
        superseded_by_id uuid REFERENCES observations(id),
        superseded_at timestamptz,
        created_at timestamptz NOT NULL,
        CHECK (value_quantity IS NOT NULL OR value_string IS NOT NULL)
      );
      CREATE INDEX observations_report ON observations (report_id, position);
      CREATE INDEX observations_trend ON observations (facility_id, patient_id, code, effective_at);

      CREATE TABLE result_acknowledgements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        report_id uuid NOT NULL UNIQUE REFERENCES diagnostic_reports(id),
        user_id uuid NOT NULL REFERENCES users(id),
        acknowledged_at timestamptz NOT NULL
      );

      -- A result row changes once, and only to say which row superseded it; it is never deleted.
      CREATE FUNCTION guard_result_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.superseded_by_id IS NOT NULL OR NEW.superseded_by_id IS NULL OR NEW.superseded_at IS NULL
           OR (to_jsonb(NEW) - 'superseded_by_id' - 'superseded_at') IS DISTINCT FROM (to_jsonb(OLD) - 'superseded_by_id' - 'superseded_at') THEN
          RAISE EXCEPTION '% rows are not edited: record a correction that supersedes this one', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER diagnostic_reports_guard BEFORE UPDATE OR DELETE ON diagnostic_reports FOR EACH ROW EXECUTE FUNCTION guard_result_row();
      CREATE TRIGGER observations_guard BEFORE UPDATE OR DELETE ON observations FOR EACH ROW EXECUTE FUNCTION guard_result_row();
      CREATE TRIGGER order_items_append_only BEFORE UPDATE OR DELETE ON order_items FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER imaging_studies_append_only BEFORE UPDATE OR DELETE ON imaging_studies FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER result_acknowledgements_append_only BEFORE UPDATE OR DELETE ON result_acknowledgements FOR EACH ROW EXECUTE FUNCTION reject_modification();

      -- Orders are never deleted either (revoked or entered-in-error instead).
      REVOKE DELETE ON orders, diagnostic_reports, observations FROM ${APP_ROLE};
      REVOKE UPDATE, DELETE ON order_items, imaging_studies, result_acknowledgements FROM ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE result_acknowledgements, observations, diagnostic_reports, imaging_studies, order_items, orders`);
    await q.query(`DROP FUNCTION guard_result_row()`);
  }
}
