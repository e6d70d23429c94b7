import { auditEventBody, chainHash } from '@benhan/api/core';
import type { IntegrityFailure } from '@benhan/shared/contracts';
import type { ChainRow } from '../audit-log.service';

/**
 * Walks a chain in seq order from a trusted anchor (genesis, or a checkpoint whose signature verified)
 * and names the first event that does not fit: a gap, a broken link, or a body that no longer hashes to
 * its stored hash. `expectHead` compares the recomputed hash at a checkpoint's seq with what was signed.
 */
export class ChainVerifier {
  private seq: number;
  private hash: string;
  private checked = 0;

  constructor(anchor: { seq: number; hash: string }) {
    this.seq = anchor.seq;
    this.hash = anchor.hash;
  }

  get position(): { seq: number; hash: string } {
    return { seq: this.seq, hash: this.hash };
  }

  get eventsChecked(): number {
    return this.checked;
  }

  push(row: ChainRow): IntegrityFailure | null {
    if (row.seq !== this.seq + 1) {
      return { seq: this.seq + 1, problem: 'sequence_gap', detail: `event ${this.seq + 1} is missing: the chain goes from ${this.seq} to ${row.seq}` };
    }
    if (row.previousHash !== this.hash) {
      return {
        seq: row.seq,
        problem: 'previous_hash_mismatch',
        detail: `event ${row.seq} links to ${short(row.previousHash)} but the event before it hashes to ${short(this.hash)}`,
      };
    }
    const recomputed = chainHash(this.hash, row.seq, auditEventBody(row));
    if (recomputed !== row.hash) {
      return {
        seq: row.seq,
        problem: 'hash_mismatch',
        detail: `event ${row.seq} (${row.action} by ${row.actorUsername ?? 'unknown'} at ${row.occurredAt.toISOString()}) is stored with hash ${short(row.hash)} but its content hashes to ${short(recomputed)}: it was changed after it was written`,
      };
    }
    this.seq = row.seq;
    this.hash = recomputed;
    this.checked++;
    return null;
  }

  /** At a checkpoint's seq: the signed head must be the hash the chain arrives at. */
  expectHead(checkpoint: { id: string; seq: number; head: string }): IntegrityFailure | null {
    if (checkpoint.seq !== this.seq) throw new Error(`checkpoint ${checkpoint.seq} compared at ${this.seq}`);
    if (checkpoint.head === this.hash) return null;
    return {
      seq: checkpoint.seq,
      checkpointId: checkpoint.id,
      problem: 'checkpoint_head_mismatch',
      detail: `the checkpoint signed at event ${checkpoint.seq} sealed head ${short(checkpoint.head)} but the chain now arrives at ${short(this.hash)}: history before it was rewritten`,
    };
  }
}

function short(hash: string): string {
  return hash.slice(0, 12) + '…';
}
