import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A clinician has seen a report (it leaves the department's inbox). Append-only, one per report. */
@Entity('result_acknowledgements')
export class ResultAcknowledgementEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'report_id', type: 'uuid' }) reportId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'acknowledged_at', type: 'timestamptz' }) acknowledgedAt!: Date;
}
