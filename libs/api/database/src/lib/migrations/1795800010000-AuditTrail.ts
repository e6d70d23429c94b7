import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditEventBody, auditEventColumns } from '@benhan/api/core';

/** The role the API runs as: owns nothing, so it cannot disable a trigger or alter a table (R8, R11). */
export const APP_ROLE = 'benhan_app';

/**
 * The audit trail (R8, R11, R12). One hash chain per facility in `audit_events`; events are appended only
 * through `audit_append()`, which holds the chain head's row lock, numbers the event and computes
 * hash = SHA-256(previous ‖ seq ‖ body) — so two API processes appending at once still make one chain.
 * Events, checkpoints (signed chain heads) and integrity runs refuse UPDATE, DELETE and TRUNCATE.
 *
 * The API stops running as the schema owner: it connects as `benhan_app`, which may read and write the
 * clinical tables but only SELECT the audit tables (appending through the SECURITY DEFINER function), and
 * may neither UPDATE nor DELETE rows of any append-only table. Not owning the tables, it cannot disable
 * their triggers; not being a superuser, it cannot set session_replication_role.
 *
 * The foundation's security_events fold into the chain, in their original order, and the table goes.
 */
export class AuditTrail1795800010000 implements MigrationInterface {
  name = 'AuditTrail1795800010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_chain_heads (
        facility_id uuid PRIMARY KEY REFERENCES facilities(id),
        seq bigint NOT NULL CHECK (seq >= 0),
        head char(64) NOT NULL
      );

      CREATE TABLE audit_events (
        facility_id uuid NOT NULL REFERENCES facilities(id),
        seq bigint NOT NULL CHECK (seq > 0),
        occurred_at timestamptz NOT NULL,
        action varchar(40) NOT NULL,
        outcome varchar(10) NOT NULL CHECK (outcome IN ('success', 'failure')),
        actor_user_id uuid,
        actor_username varchar(64),
        actor_roles text[] NOT NULL DEFAULT '{}',
        actor_department_id uuid,
        resource_type varchar(20),
        resource_id text,
        resource_version integer,
        patient_id uuid,
        client_address text,
        user_agent text,
        request_id text,
        reason text,
        detail jsonb NOT NULL DEFAULT '{}',
        previous_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        PRIMARY KEY (facility_id, seq)
      );
      CREATE INDEX audit_events_time ON audit_events (facility_id, occurred_at);
      CREATE INDEX audit_events_patient ON audit_events (patient_id, occurred_at) WHERE patient_id IS NOT NULL;
      CREATE INDEX audit_events_actor ON audit_events (actor_user_id, occurred_at) WHERE actor_user_id IS NOT NULL;
      CREATE INDEX audit_events_resource ON audit_events (resource_type, resource_id) WHERE resource_id IS NOT NULL;

      CREATE FUNCTION audit_append(p_event jsonb, p_body text) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        v_facility uuid := (p_event->>'facility_id')::uuid;
        v_seq bigint;
        v_head text;
        v_hash text;
      BEGIN
        -- The head row's lock orders every appender of this facility's chain until its transaction ends.
        SELECT seq, head INTO v_seq, v_head FROM audit_chain_heads WHERE facility_id = v_facility FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain_heads (facility_id, seq, head) VALUES (v_facility, 0, repeat('0', 64)) ON CONFLICT DO NOTHING;
          SELECT seq, head INTO v_seq, v_head FROM audit_chain_heads WHERE facility_id = v_facility FOR UPDATE;
        END IF;
        v_seq := v_seq + 1;
        v_hash := encode(sha256(decode(v_head, 'hex') || int8send(v_seq) || convert_to(p_body, 'UTF8')), 'hex');
        INSERT INTO audit_events
          SELECT * FROM jsonb_populate_record(NULL::audit_events,
            p_event || jsonb_build_object('seq', v_seq, 'previous_hash', v_head, 'hash', v_hash));
        UPDATE audit_chain_heads SET seq = v_seq, head = v_hash WHERE facility_id = v_facility;
        RETURN v_seq;
      END $$;
      REVOKE ALL ON FUNCTION audit_append(jsonb, text) FROM PUBLIC;

      -- A chain head signed by the facility's organisation seal (CMS, time-stamped).
      CREATE TABLE audit_checkpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        seq bigint NOT NULL,
        head char(64) NOT NULL,
        at timestamptz NOT NULL,
        cms bytea NOT NULL,
        timestamped_at timestamptz,
        UNIQUE (facility_id, seq)
      );

      CREATE TABLE audit_integrity_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        status varchar(8) NOT NULL CHECK (status IN ('OK', 'BROKEN')),
        trigger varchar(12) NOT NULL CHECK (trigger IN ('on_demand', 'scheduled')),
        mode varchar(12) NOT NULL CHECK (mode IN ('genesis', 'checkpoint')),
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        from_seq bigint NOT NULL,
        to_seq bigint NOT NULL,
        events_checked bigint NOT NULL,
        checkpoints_checked integer NOT NULL,
        last_checkpoint_seq bigint,
        unsealed_events bigint NOT NULL,
        failure jsonb,
        requested_by uuid REFERENCES users(id)
      );
      CREATE INDEX audit_integrity_runs_recent ON audit_integrity_runs (facility_id, started_at DESC);

      -- R12: a written request from the patient or a representative, and what was released.
      CREATE TABLE access_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        patient_id uuid NOT NULL REFERENCES patients(id),
        encounter_id uuid REFERENCES encounters(id),
        requester_name text NOT NULL,
        relationship varchar(24) NOT NULL CHECK (relationship IN ('self', 'legal_representative', 'family_representative')),
        requester_id_number varchar(20) NOT NULL,
        scope varchar(8) NOT NULL CHECK (scope IN ('summary', 'read', 'copy')),
        CHECK (relationship <> 'family_representative' OR scope = 'summary'),
        received_at timestamptz NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        note text,
        status varchar(10) NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'released', 'refused')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        refusal_reason text,
        released_sha256 char(64),
        released_pdf bytea
      );
      CREATE INDEX access_requests_patient ON access_requests (patient_id, received_at DESC);
      CREATE INDEX access_requests_open ON access_requests (facility_id, received_at) WHERE status = 'received';

      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER audit_integrity_runs_append_only BEFORE UPDATE OR DELETE ON audit_integrity_runs FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER audit_integrity_runs_no_truncate BEFORE TRUNCATE ON audit_integrity_runs FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();
    `);

    await this.foldSecurityEvents(q);
    await this.grantApplicationRole(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE access_requests, audit_integrity_runs, audit_checkpoints, audit_events, audit_chain_heads;
      DROP FUNCTION audit_append(jsonb, text);
      CREATE TABLE security_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        facility_id uuid REFERENCES facilities(id),
        occurred_at timestamptz NOT NULL,
        type varchar(40) NOT NULL,
        outcome varchar(10) NOT NULL CHECK (outcome IN ('success', 'failure')),
        actor_user_id uuid,
        actor_username varchar(64),
        target_user_id uuid,
        patient_id uuid,
        client_address text,
        user_agent text,
        request_id text,
        reason text,
        detail jsonb NOT NULL DEFAULT '{}'
      );
    `);
  }

  /** Chain the foundation's security events in their original order (facility-less ones to the first facility). */
  private async foldSecurityEvents(q: QueryRunner): Promise<void> {
    const [facility] = (await q.query(`SELECT id FROM facilities ORDER BY created_at, id LIMIT 1`)) as { id: string }[];
    const rows = (await q.query(`SELECT * FROM security_events ORDER BY id`)) as LegacySecurityEvent[];
    for (const row of rows) {
      const facilityId = row.facility_id ?? facility?.id;
      if (!facilityId) continue; // no facility means no users yet: nothing of record happened
      const event = {
        facilityId,
        occurredAt: new Date(row.occurred_at),
        action: row.type,
        outcome: row.outcome,
        actorUserId: row.actor_user_id,
        actorUsername: row.actor_username,
        actorRoles: [],
        actorDepartmentId: null,
        resourceType: row.target_user_id ? 'user' : row.patient_id ? 'patient' : null,
        resourceId: row.target_user_id ?? row.patient_id ?? null,
        resourceVersion: null,
        patientId: row.patient_id,
        clientAddress: row.client_address,
        userAgent: row.user_agent,
        requestId: row.request_id,
        reason: row.reason,
        detail: { ...row.detail, securityEventId: Number(row.id) },
      };
      await q.query(`SELECT audit_append($1::jsonb, $2)`, [JSON.stringify(auditEventColumns(event)), auditEventBody(event)]);
    }
    await q.query(`DROP TABLE security_events`);
  }

  /**
   * The API's role, created once per server (roles are cluster-wide), granted per database. Its password is
   * set at start-up by the schema owner. Tables created by later migrations are granted by default privileges.
   */
  private async grantApplicationRole(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
        END IF;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; -- another database's migration made it first
      END $$;
      GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE};
      -- The chain is written only through audit_append(); the migrations' bookkeeping only by the owner.
      REVOKE INSERT, UPDATE, DELETE ON audit_events, audit_chain_heads, schema_migrations FROM ${APP_ROLE};
      GRANT EXECUTE ON FUNCTION audit_append(jsonb, text) TO ${APP_ROLE};
      -- What a trigger refuses to every role, the application role is not even granted: UPDATE where
      -- reject_modification() guards updates (tgtype bit 16), DELETE where it guards deletes (bit 8), and
      -- DELETE of versions and archives (their guards allow only some updates, never a delete).
      DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT DISTINCT tg.tgrelid::regclass AS t, (tg.tgtype & 16) <> 0 AS upd, (tg.tgtype & 8) <> 0 AS del
                   FROM pg_trigger tg JOIN pg_proc p ON p.oid = tg.tgfoid
                  WHERE p.proname = 'reject_modification' AND NOT tg.tgisinternal AND (tg.tgtype & 1) = 1 LOOP
          IF r.upd THEN EXECUTE format('REVOKE UPDATE ON %s FROM ${APP_ROLE}', r.t); END IF;
          IF r.del THEN EXECUTE format('REVOKE DELETE ON %s FROM ${APP_ROLE}', r.t); END IF;
        END LOOP;
      END $$;
      REVOKE DELETE ON document_versions, archives FROM ${APP_ROLE};
    `);
  }
}

interface LegacySecurityEvent {
  id: string;
  facility_id: string | null;
  occurred_at: Date;
  type: string;
  outcome: 'success' | 'failure';
  actor_user_id: string | null;
  actor_username: string | null;
  target_user_id: string | null;
  patient_id: string | null;
  client_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  reason: string | null;
  detail: Record<string, unknown>;
}
