import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RevocationReason } from '@benhan/shared/contracts';

/** A user's signing certificate; the private key is PKCS#8 encrypted under their signing PIN. Revocable once. */
@Entity('signing_certificates')
export class SigningCertificateEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'varchar', length: 64 }) serial!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ name: 'certificate_pem', type: 'text' }) certificatePem!: string;
  /** Issuing CA up to the root, PEM. */
  @Column({ name: 'chain_pem', type: 'text' }) chainPem!: string;
  @Column({ name: 'encrypted_key_pem', type: 'text' }) encryptedKeyPem!: string;
  @Column({ name: 'not_before', type: 'timestamptz' }) notBefore!: Date;
  @Column({ name: 'not_after', type: 'timestamptz' }) notAfter!: Date;
  @Column({ type: 'varchar', length: 10 }) source!: 'issued' | 'imported';
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revocation_reason', type: 'varchar', length: 30, nullable: true }) revocationReason!: RevocationReason | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy!: string | null;
}
