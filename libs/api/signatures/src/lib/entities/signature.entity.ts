import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SignerRole } from '@benhan/shared/contracts';

/** A CMS signature on a document version, with its time-stamp and the revocation status seen at signing. Append-only. */
@Entity('signatures')
export class SignatureEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId!: string;
  @Column({ name: 'signoff_id', type: 'uuid' }) signoffId!: string;
  @Column({ name: 'signer_id', type: 'uuid' }) signerId!: string;
  @Column({ type: 'integer' }) step!: number;
  @Column({ type: 'varchar', length: 20 }) role!: SignerRole;
  @Column({ name: 'certificate_id', type: 'uuid' }) certificateId!: string;
  @Column({ name: 'certificate_serial', type: 'varchar', length: 64 }) certificateSerial!: string;
  @Column({ name: 'chain_pem', type: 'text' }) chainPem!: string;
  @Column({ name: 'content_hash', type: 'char', length: 64 }) contentHash!: string;
  @Column({ name: 'cms_der', type: 'bytea' }) cmsDer!: Buffer;
  @Column({ name: 'signing_time', type: 'timestamptz' }) signingTime!: Date;
  @Column({ name: 'timestamp_token', type: 'bytea', nullable: true }) timestampToken!: Buffer | null;
  @Column({ name: 'timestamped_at', type: 'timestamptz', nullable: true }) timestampedAt!: Date | null;
  @Column({ name: 'revocation_status', type: 'varchar', length: 10 }) revocationStatus!: 'good';
  @Column({ name: 'revocation_checked_at', type: 'timestamptz' }) revocationCheckedAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
