import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from './1795800010000-AuditTrail';

/**
 * The HL7 v2 outbox (issue 9): outbound orders and ADT are rows of the message log, written in the transaction of the order
 * or movement that caused them (status `pending`), then delivered by the sender: `delivered` on AA/CA, `failed` on AR or
 * after the last attempt. `sequence` orders a destination's messages; the sender keeps each patient's in that order.
 *
 * The guard keeps its inbound rule and adds the outbound one: the message itself (its bytes, destination, control id,
 * patient) never changes; only its delivery moves on, one attempt at a time (pending → pending | delivered | failed, the
 * attempt count up by exactly one), and a failed message may become `replayed` once an administrator queued its replay.
 */
export class Hl7Outbox1795800016000 implements MigrationInterface {
  name = 'Hl7Outbox1795800016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hl7_messages
        ADD COLUMN destination varchar(8) CHECK (destination IN ('lis', 'pacs')),
        ADD COLUMN encounter_id uuid REFERENCES encounters(id),
        ADD COLUMN event varchar(30),
        ADD COLUMN sequence bigint GENERATED ALWAYS AS IDENTITY,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        ADD COLUMN next_attempt_at timestamptz,
        ALTER COLUMN processed_at DROP NOT NULL;
      ALTER TABLE hl7_messages DROP CONSTRAINT hl7_messages_status_check;
      ALTER TABLE hl7_messages
        ADD CONSTRAINT hl7_messages_status_check CHECK (
          (direction = 'inbound' AND status IN ('accepted', 'quarantined', 'rejected', 'replayed') AND destination IS NULL AND processed_at IS NOT NULL)
          OR (direction = 'outbound' AND status IN ('pending', 'delivered', 'failed', 'replayed') AND destination IS NOT NULL)),
        ADD CONSTRAINT hl7_messages_pending_due CHECK (status <> 'pending' OR next_attempt_at IS NOT NULL);

      CREATE UNIQUE INDEX hl7_messages_outbound_control ON hl7_messages (destination, control_id) WHERE direction = 'outbound';
      -- The sender's two questions: what is due for a destination, and is an earlier message of the same patient still waiting.
      CREATE INDEX hl7_messages_outbox ON hl7_messages (destination, next_attempt_at, sequence) WHERE status = 'pending';
      CREATE INDEX hl7_messages_outbox_patient ON hl7_messages (destination, patient_id, sequence) WHERE status = 'pending';
      CREATE INDEX hl7_messages_failed ON hl7_messages (destination, sequence) WHERE status = 'failed';

      CREATE OR REPLACE FUNCTION guard_hl7_message() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        delivery CONSTANT text[] := ARRAY['status', 'attempts', 'next_attempt_at', 'ack', 'ack_code', 'reason', 'error_location',
                                          'processed_at', 'replaced_by_id', 'status_changed_at'];
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'hl7_messages rows are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.direction = 'inbound' THEN
          IF OLD.status <> 'quarantined' OR NEW.status <> 'replayed' OR NEW.replaced_by_id IS NULL OR NEW.status_changed_at IS NULL
             OR (to_jsonb(NEW) - 'status' - 'replaced_by_id' - 'status_changed_at') IS DISTINCT FROM (to_jsonb(OLD) - 'status' - 'replaced_by_id' - 'status_changed_at') THEN
            RAISE EXCEPTION 'an inbound hl7_messages row changes only from quarantined to replayed, naming the accepted replay' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN NEW;
        END IF;
        IF (to_jsonb(NEW) - delivery) IS DISTINCT FROM (to_jsonb(OLD) - delivery) THEN
          RAISE EXCEPTION 'an outbound hl7_messages row keeps its message: only its delivery changes' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'pending' AND NEW.status IN ('pending', 'delivered', 'failed') AND NEW.attempts = OLD.attempts + 1 AND NEW.replaced_by_id IS NULL THEN
          RETURN NEW;
        END IF;
        IF OLD.status = 'failed' AND NEW.status = 'replayed' AND NEW.replaced_by_id IS NOT NULL AND NEW.attempts = OLD.attempts
           AND NEW.ack IS NOT DISTINCT FROM OLD.ack AND NEW.reason IS NOT DISTINCT FROM OLD.reason THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'an outbound hl7_messages row moves one attempt at a time (pending → pending, delivered or failed), or from failed to replayed'
          USING ERRCODE = 'insufficient_privilege';
      END $$;

      GRANT UPDATE (attempts, next_attempt_at, ack, ack_code, reason, error_location, processed_at) ON hl7_messages TO ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE hl7_messages DISABLE TRIGGER hl7_messages_guard;
      DELETE FROM hl7_messages WHERE direction = 'outbound';
      ALTER TABLE hl7_messages ENABLE TRIGGER hl7_messages_guard;
      DROP INDEX hl7_messages_outbound_control, hl7_messages_outbox, hl7_messages_outbox_patient, hl7_messages_failed;
      ALTER TABLE hl7_messages DROP CONSTRAINT hl7_messages_status_check, DROP CONSTRAINT hl7_messages_pending_due;
      ALTER TABLE hl7_messages
        DROP COLUMN destination, DROP COLUMN encounter_id, DROP COLUMN event, DROP COLUMN sequence, DROP COLUMN attempts,
        DROP COLUMN next_attempt_at, ALTER COLUMN processed_at SET NOT NULL,
        ADD CONSTRAINT hl7_messages_status_check CHECK (status IN ('accepted', 'quarantined', 'rejected', 'replayed'));
    `);
  }
}
