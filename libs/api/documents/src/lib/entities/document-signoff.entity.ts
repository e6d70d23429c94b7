import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SignerRole } from '@benhan/shared/contracts';

/** Step N of a version's signer matrix, given by a signer at a time. Append-only (trigger). */
@Entity('document_signoffs')
export class DocumentSignoffEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'version_id', type: 'uuid' }) versionId!: string;
  @Column({ type: 'integer' }) step!: number;
  @Column({ name: 'signer_role', type: 'varchar', length: 20 }) signerRole!: SignerRole;
  @Column({ name: 'signer_id', type: 'uuid' }) signerId!: string;
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt!: Date;
}
