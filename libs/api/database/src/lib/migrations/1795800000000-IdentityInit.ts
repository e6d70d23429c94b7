import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Facilities, departments, users and their sessions, system clients, security events, access grants. */
export class IdentityInit1795800000000 implements MigrationInterface {
  name = 'IdentityInit1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facilities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(5) NOT NULL UNIQUE CHECK (code ~ '^[0-9]{5}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE departments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        code varchar(20) NOT NULL,
        name text NOT NULL,
        name_en text,
        kind varchar(20) NOT NULL CHECK (kind IN ('clinical', 'paraclinical', 'administrative')),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (facility_id, code)
      );
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        username varchar(64) NOT NULL CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
        full_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0
          AND roles <@ ARRAY['doctor', 'nurse', 'records_officer', 'inspector', 'admin']::text[]),
        practising_certificate_no varchar(64),
        active boolean NOT NULL DEFAULT true,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_username_key ON users (username);
      CREATE TABLE user_departments (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        department_id uuid NOT NULL REFERENCES departments(id),
        is_head boolean NOT NULL DEFAULT false,
        PRIMARY KEY (user_id, department_id)
      );
      CREATE INDEX user_departments_department_idx ON user_departments (department_id);

      -- A session is one refresh-token family: rotation keeps the session, reuse of an old token revokes it.
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        last_refreshed_at timestamptz,
        revoked_at timestamptz,
        revoke_reason varchar(40),
        client_address text,
        user_agent text
      );
      CREATE INDEX sessions_user_open_idx ON sessions (user_id) WHERE revoked_at IS NULL;
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id),
        token_hash bytea NOT NULL UNIQUE,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

      CREATE TABLE system_clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        client_id varchar(64) NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('lis', 'pacs')),
        scopes text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      -- Append-only until the audit issue folds these rows into the hash-chained audit log.
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
      CREATE INDEX security_events_time_idx ON security_events (occurred_at);
      CREATE INDEX security_events_actor_idx ON security_events (actor_user_id, occurred_at);
      CREATE FUNCTION reject_modification() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events
        FOR EACH ROW EXECUTE FUNCTION reject_modification();
      CREATE TRIGGER security_events_no_truncate BEFORE TRUNCATE ON security_events
        FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();

      -- Which department cares for which patient, and since when: the basis of department scoping (R10).
      CREATE TABLE patient_care_assignments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        patient_id uuid NOT NULL,
        department_id uuid NOT NULL REFERENCES departments(id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz
      );
      CREATE INDEX patient_care_department_idx ON patient_care_assignments (department_id, patient_id);
      CREATE INDEX patient_care_patient_idx ON patient_care_assignments (patient_id);

      CREATE TABLE break_glass_grants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facility_id uuid NOT NULL REFERENCES facilities(id),
        user_id uuid NOT NULL REFERENCES users(id),
        patient_id uuid NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) >= 10),
        granted_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL CHECK (expires_at > granted_at)
      );
      CREATE INDEX break_glass_user_patient_idx ON break_glass_grants (user_id, patient_id, expires_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE break_glass_grants, patient_care_assignments, security_events, system_clients,
        refresh_tokens, sessions, user_departments, users, departments, facilities;
      DROP FUNCTION reject_modification();
    `);
  }
}
