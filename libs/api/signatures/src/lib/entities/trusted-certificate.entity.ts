import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A root the facility trusts: its own CA, or a licensed Vietnamese CA's imported by an administrator. */
@Entity('trusted_certificates')
export class TrustedCertificateEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'char', length: 64 }) sha256!: string;
  @Column({ name: 'certificate_pem', type: 'text' }) certificatePem!: string;
  @Column({ type: 'varchar', length: 10 }) source!: 'facility' | 'imported';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
}
