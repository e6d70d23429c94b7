import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InterfaceAckCode, InterfaceMessageDirection, InterfaceMessageStatus } from '@benhan/shared/contracts';

/** One HL7 v2 message of the log (migration 1795800015000): append-only but for quarantined → replayed. */
@Entity('hl7_messages')
export class Hl7MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid', nullable: true }) facilityId!: string | null;
  @Column({ type: 'varchar', length: 8 }) direction!: InterfaceMessageDirection;
  @Column({ type: 'varchar', length: 12 }) status!: InterfaceMessageStatus;
  @Column({ name: 'message_type', type: 'varchar', length: 40 }) messageType!: string;
  @Column({ name: 'control_id', type: 'varchar', length: 200 }) controlId!: string;
  @Column({ name: 'sending_application', type: 'text' }) sendingApplication!: string;
  @Column({ name: 'sending_facility', type: 'text' }) sendingFacility!: string;
  @Column({ name: 'client_id', type: 'varchar', length: 64, nullable: true }) clientId!: string | null;
  @Column({ name: 'patient_id', type: 'uuid', nullable: true }) patientId!: string | null;
  @Column({ name: 'order_id', type: 'uuid', nullable: true }) orderId!: string | null;
  @Column({ name: 'report_ids', type: 'uuid', array: true }) reportIds!: string[];
  @Column({ name: 'ack_code', type: 'char', length: 2, nullable: true }) ackCode!: InterfaceAckCode | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'error_location', type: 'varchar', length: 60, nullable: true }) errorLocation!: string | null;
  @Column({ type: 'bytea' }) raw!: Buffer;
  @Column({ type: 'varchar', length: 20 }) encoding!: string;
  @Column({ type: 'bytea', nullable: true }) ack!: Buffer | null;
  @Column({ name: 'remote_address', type: 'text', nullable: true }) remoteAddress!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'processed_at', type: 'timestamptz' }) processedAt!: Date;
  @Column({ name: 'replay_of_id', type: 'uuid', nullable: true }) replayOfId!: string | null;
  @Column({ name: 'replayed_by', type: 'uuid', nullable: true }) replayedBy!: string | null;
  @Column({ name: 'replaced_by_id', type: 'uuid', nullable: true }) replacedById!: string | null;
  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true }) statusChangedAt!: Date | null;
}
