import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuthorityKind = 'root' | 'issuing' | 'seal' | 'tsa';

/** One of the facility's own PKI keys and certificates; the key is encrypted under PKI_KEY_SECRET. Immutable. */
@Entity('pki_authorities')
export class PkiAuthorityEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ type: 'varchar', length: 10 }) kind!: AuthorityKind;
  @Column({ type: 'varchar', length: 64 }) serial!: string;
  @Column({ name: 'certificate_pem', type: 'text' }) certificatePem!: string;
  @Column({ name: 'encrypted_key_pem', type: 'text' }) encryptedKeyPem!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
