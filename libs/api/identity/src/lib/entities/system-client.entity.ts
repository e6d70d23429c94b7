import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { SystemClientKind } from '@benhan/shared/contracts';

/** A machine peer (LIS, PACS) authenticating with OAuth2 client credentials. */
@Entity('system_clients')
export class SystemClientEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  @Column({ name: 'client_id', type: 'varchar', length: 64 }) clientId!: string;
  @Column({ name: 'secret_hash', type: 'text', select: false }) secretHash!: string;
  @Column({ type: 'varchar', length: 10 }) kind!: SystemClientKind;
  @Column({ type: 'text', array: true }) scopes!: string[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
