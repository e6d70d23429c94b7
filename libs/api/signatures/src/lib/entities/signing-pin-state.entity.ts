import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Wrong signing PINs in a row; five lock signing until an administrator unlocks it. */
@Entity('signing_pin_states')
export class SigningPinStateEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'failed_attempts', type: 'integer' }) failedAttempts!: number;
  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true }) lockedAt!: Date | null;
}
