import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Emergency access by one user to one patient outside their departments, for a limited time (R10). */
@Entity('break_glass_grants')
export class BreakGlassGrantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'granted_at', type: 'timestamptz' }) grantedAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}
