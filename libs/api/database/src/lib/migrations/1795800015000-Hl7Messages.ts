import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795800010000-AuditTrail';

/**
 * The HL7 v2 message log (issue 9): every message received (and later sent) with its raw bytes and the ACK answered.
 * Rows are append-only but for one change: a quarantined message becomes `replayed` when an administrator's replay of it
 * is accepted (the replay is its own row, linked by `replay_of_id`). `guard_hl7_message()` allows exactly that and
 * nothing else; DELETE is refused, and the app role may update only the three columns that transition touches.
 *
 * Idempotency on MSH-10 per sender is a unique index, so two connections delivering the same message at once store it
 * once: among a sender's original messages (not replays) that were not rejected outright (AR), a control id appears once.
 */
export class Hl7Messages1795800015000 implements MigrationInterface {
  name = 'Hl7Messages1795800015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hl7_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The sender's facility; NULL when the sender is not a registered client (nothing tells whose message it is).
        facility_id uuid REFERENCES facilities(id),
        direction varchar(8) NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        status varchar(12) NOT NULL CHECK (status IN ('accepted', 'quarantined', 'rejected', 'replayed')),
        message_type varchar(40) NOT NULL,
        control_id varchar(200) NOT NULL,
        sending_application text NOT NULL,
        sending_facility text NOT NULL,
        client_id varchar(64),
        patient_id uuid REFERENCES patients(id),
        order_id uuid REFERENCES orders(id),
        report_ids uuid[] NOT NULL DEFAULT '{}',
        ack_code char(2) CHECK (ack_code IN ('AA', 'AE', 'AR')),
        reason text,
        error_location varchar(60),
        raw bytea NOT NULL,
        encoding varchar(20) NOT NULL,
        ack bytea,
        remote_address text,
        received_at timestamptz NOT NULL,
        processed_at timestamptz NOT NULL,
        replay_of_id uuid REFERENCES hl7_messages(id),
        replayed_by uuid REFERENCES users(id),
        replaced_by_id uuid REFERENCES hl7_messages(id),
        status_changed_at timestamptz,
        CHECK ((replay_of_id IS NULL) = (replayed_by IS NULL))
      );
      CREATE UNIQUE INDEX hl7_messages_idempotency ON hl7_messages (client_id, control_id)
        WHERE direction = 'inbound' AND replay_of_id IS NULL AND ack_code <> 'AR';
      CREATE INDEX hl7_messages_recent ON hl7_messages (facility_id, received_at DESC);
      CREATE INDEX hl7_messages_patient ON hl7_messages (patient_id, received_at DESC) WHERE patient_id IS NOT NULL;
      CREATE INDEX hl7_messages_control ON hl7_messages (control_id);
      CREATE INDEX hl7_messages_replays ON hl7_messages (replay_of_id) WHERE replay_of_id IS NOT NULL;

      CREATE FUNCTION guard_hl7_message() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'hl7_messages rows are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status <> 'quarantined' OR NEW.status <> 'replayed' OR NEW.replaced_by_id IS NULL OR NEW.status_changed_at IS NULL
           OR (to_jsonb(NEW) - 'status' - 'replaced_by_id' - 'status_changed_at') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'replaced_by_id' - 'status_changed_at') THEN
          RAISE EXCEPTION 'an hl7_messages row changes only from quarantined to replayed, naming the accepted replay' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER hl7_messages_guard BEFORE UPDATE OR DELETE ON hl7_messages FOR EACH ROW EXECUTE FUNCTION guard_hl7_message();
      CREATE TRIGGER hl7_messages_no_truncate BEFORE TRUNCATE ON hl7_messages FOR EACH STATEMENT EXECUTE FUNCTION reject_modification();

      REVOKE UPDATE, DELETE, TRUNCATE ON hl7_messages FROM ${APP_ROLE};
      GRANT SELECT, INSERT ON hl7_messages TO ${APP_ROLE};
      GRANT UPDATE (status, replaced_by_id, status_changed_at) ON hl7_messages TO ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE hl7_messages`);
    await q.query(`DROP FUNCTION guard_hl7_message()`);
  }
}
