import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UserRole, VersionStatus } from '@benhan/shared/contracts';

/** Version N of a document. A draft may be saved again by its author; a signed version is immutable (trigger). */
@Entity('document_versions')
export class DocumentVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'document_id', type: 'uuid' }) documentId!: string;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'varchar', length: 10 }) status!: VersionStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'author_id', type: 'uuid' }) authorId!: string;
  @Column({ name: 'author_role', type: 'varchar', length: 20 }) authorRole!: UserRole;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId!: string;
  @Column({ name: 'form_code', type: 'varchar', length: 20 }) formCode!: string;
  @Column({ name: 'schema_version', type: 'integer' }) schemaVersion!: number;
  @Column({ type: 'jsonb' }) content!: Record<string, unknown>;
  /** SHA-256 (hex) of the RFC 8785 canonical content: what a signature binds to. */
  @Column({ name: 'content_hash', type: 'char', length: 64 }) contentHash!: string;
  @Column({ name: 'effective_at', type: 'timestamptz' }) effectiveAt!: Date;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'saved_at', type: 'timestamptz' }) savedAt!: Date;
  @Column({ type: 'integer' }) revision!: number;
  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true }) signedAt!: Date | null;
}
