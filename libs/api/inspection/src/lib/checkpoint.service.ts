import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, checkpointStatement } from '@benhan/api/core';
import { AuditCheckpointEntity, AuditLog } from '@benhan/api/audit';
import { PkiService } from '@benhan/api/signatures';
import type { AuditCheckpoint } from '@benhan/shared/contracts';
import { INSPECTION_OPTIONS, type InspectionOptions } from './inspection.options';

/** How often the API looks whether a chain is due a checkpoint. */
const TICK_MS = 10_000;

/**
 * Checkpoints: every N events or M minutes the chain head is signed with the facility's organisation seal
 * (CMS, RFC 3161 time-stamped). Whoever rewrites history before a checkpoint and recomputes every hash
 * after it still cannot make the new head match what was signed.
 */
@Injectable()
export class CheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CheckpointService.name);
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INSPECTION_OPTIONS) private readonly options: InspectionOptions,
    private readonly audit: AuditLog,
    private readonly pki: PkiService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Sign every facility's head that is due. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const due = (await this.dataSource.query(
        `SELECT h.facility_id, h.seq, c.seq AS checkpoint_seq, c.at AS checkpoint_at
           FROM audit_chain_heads h
           LEFT JOIN LATERAL (SELECT seq, at FROM audit_checkpoints WHERE facility_id = h.facility_id ORDER BY seq DESC LIMIT 1) c ON true
          WHERE h.seq > COALESCE(c.seq, 0)`,
      )) as { facility_id: string; seq: string; checkpoint_seq: string | null; checkpoint_at: Date | null }[];
      const now = this.clock.now().getTime();
      for (const row of due) {
        const unsealed = Number(row.seq) - Number(row.checkpoint_seq ?? 0);
        const minutes = row.checkpoint_at ? (now - row.checkpoint_at.getTime()) / 60_000 : Infinity;
        if (unsealed >= this.options.checkpointEveryEvents || minutes >= this.options.checkpointEveryMinutes) await this.checkpoint(row.facility_id);
      }
    } catch (error) {
      this.logger.error(`Audit checkpoint failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
    }
  }

  /** Sign the facility's current head now; null if it is already signed. */
  async checkpoint(facilityId: string): Promise<AuditCheckpoint | null> {
    return this.dataSource.transaction(async (em) => {
      const [{ locked }] = (await em.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1 || facility, 0)) AS locked FROM (SELECT $2::text AS facility) f`, ['benhan audit checkpoint ', facilityId])) as { locked: boolean }[];
      if (!locked) return null;
      const head = await this.audit.head(facilityId, em);
      const [last] = (await em.query(`SELECT max(seq) AS seq FROM audit_checkpoints WHERE facility_id = $1`, [facilityId])) as { seq: string | null }[];
      if (head.seq === 0 || Number(last.seq ?? 0) >= head.seq) return null;
      const at = this.clock.now();
      const cms = await this.pki.sealDetached(facilityId, checkpointStatement({ facilityId, seq: head.seq, head: head.hash, at }), at);
      const saved = await em.save(em.create(AuditCheckpointEntity, { facilityId, seq: String(head.seq), head: head.hash, at, cms, timestampedAt: at }));
      return toCheckpoint(saved);
    });
  }

  async list(facilityId: string, limit = 50): Promise<AuditCheckpoint[]> {
    const rows = await this.dataSource.getRepository(AuditCheckpointEntity).find({ where: { facilityId }, order: { seq: 'DESC' }, take: limit });
    return rows.map(toCheckpoint);
  }

  /** Every checkpoint in [fromSeq, toSeq], oldest first. */
  async between(facilityId: string, fromSeq: number, toSeq: number): Promise<AuditCheckpointEntity[]> {
    return this.dataSource
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('c')
      .where('c.facility_id = :facilityId AND c.seq BETWEEN :fromSeq AND :toSeq', { facilityId, fromSeq, toSeq })
      .orderBy('c.seq', 'ASC')
      .getMany();
  }

  /** The first checkpoint at or after `seq`. */
  async firstFrom(facilityId: string, seq: number): Promise<AuditCheckpointEntity | null> {
    return this.dataSource
      .getRepository(AuditCheckpointEntity)
      .createQueryBuilder('c')
      .where('c.facility_id = :facilityId AND c.seq >= :seq', { facilityId, seq })
      .orderBy('c.seq', 'ASC')
      .getOne();
  }

  /** Does the seal over this checkpoint's statement verify against the facility's trust list? */
  verify(checkpoint: AuditCheckpointEntity): Promise<{ valid: boolean; reason: string | null; timestampedAt: Date | null }> {
    const statement = checkpointStatement({ facilityId: checkpoint.facilityId, seq: Number(checkpoint.seq), head: checkpoint.head, at: checkpoint.at });
    return this.pki.verifySeal(checkpoint.facilityId, checkpoint.cms, statement);
  }
}

export function toCheckpoint(c: AuditCheckpointEntity): AuditCheckpoint {
  return {
    id: c.id,
    facilityId: c.facilityId,
    seq: Number(c.seq),
    head: c.head,
    at: c.at.toISOString(),
    cms: c.cms.toString('base64'),
    timestampedAt: c.timestampedAt?.toISOString() ?? null,
  };
}
