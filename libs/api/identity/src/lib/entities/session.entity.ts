import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One sign-in: a refresh-token family. Revoking it ends every token of the family at once. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @Column({ name: 'last_refreshed_at', type: 'timestamptz', nullable: true }) lastRefreshedAt!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoke_reason', type: 'varchar', length: 40, nullable: true }) revokeReason!: string | null;
  @Column({ name: 'client_address', type: 'text', nullable: true }) clientAddress!: string | null;
  @Column({ name: 'user_agent', type: 'text', nullable: true }) userAgent!: string | null;
}
