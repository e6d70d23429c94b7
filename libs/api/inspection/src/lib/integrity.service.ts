import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, type UserPrincipal } from '@benhan/api/core';
import { AuditCheckpointEntity, AuditLog, ChainVerifier, IntegrityRunEntity } from '@benhan/api/audit';
import { UsersService } from '@benhan/api/identity';
import type { IntegrityFailure, IntegrityReport } from '@benhan/shared/contracts';
import { CheckpointService } from './checkpoint.service';
import { INSPECTION_OPTIONS, type InspectionOptions } from './inspection.options';

const SCHEDULE_LOCK = 4_620_260_011;

/**
 * The integrity report: walk a facility's chain from genesis (or from the last checkpoint whose seal
 * verifies), recompute every hash, compare every signed head, check every checkpoint's seal, and name
 * the first event that is wrong. On demand and on a schedule; every run is kept.
 */
@Injectable()
export class IntegrityService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IntegrityService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INSPECTION_OPTIONS) private readonly options: InspectionOptions,
    private readonly audit: AuditLog,
    private readonly checkpoints: CheckpointService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.options.integrityIntervalHours) return;
    this.timer = setInterval(() => void this.runScheduled(), this.options.integrityIntervalHours * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Every facility's chain from genesis, by one process of the installation. */
  async runScheduled(): Promise<IntegrityReport[]> {
    const runner = await this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [SCHEDULE_LOCK])) as { locked: boolean }[];
      if (!locked) return [];
      try {
        const facilities = (await this.dataSource.query(`SELECT facility_id FROM audit_chain_heads`)) as { facility_id: string }[];
        const reports: IntegrityReport[] = [];
        for (const f of facilities) reports.push(await this.run(f.facility_id, 'genesis', 'scheduled', null));
        for (const r of reports) if (r.status === 'BROKEN') this.logger.error(`Audit chain of facility ${r.facilityId} is BROKEN: ${r.failure?.detail}`);
        return reports;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [SCHEDULE_LOCK]);
      }
    } catch (error) {
      this.logger.error(`Scheduled audit integrity check failed: ${(error as Error).message}`);
      return [];
    } finally {
      await runner.release();
    }
  }

  /** An inspector's check: run, keep the run, and record that it was made. */
  async runFor(user: UserPrincipal, mode: 'genesis' | 'checkpoint'): Promise<IntegrityReport> {
    const report = await this.run(user.facilityId, mode, 'on_demand', user.userId);
    await this.audit.recordNow({
      action: 'audit_integrity_check',
      outcome: report.status === 'OK' ? 'success' : 'failure',
      resource: { type: 'audit', id: report.id },
      detail: { status: report.status, mode, fromSeq: report.fromSeq, toSeq: report.toSeq, failure: report.failure },
    });
    const names = await this.users.displayNames([user.userId]);
    return { ...report, requestedBy: names.get(user.userId) ?? user.username };
  }

  async run(facilityId: string, mode: 'genesis' | 'checkpoint', trigger: 'on_demand' | 'scheduled', requestedBy: string | null): Promise<IntegrityReport> {
    const startedAt = this.clock.now();
    const started = process.hrtime.bigint();
    // The head is read first: events appended while the walk runs are the next run's.
    const head = await this.audit.head(facilityId);
    const all = await this.checkpoints.between(facilityId, 1, head.seq);
    let anchor = { seq: 0, hash: '0'.repeat(64) };
    let failure: IntegrityFailure | null = null;
    let checkpointsChecked = 0;
    let pending = all;
    if (mode === 'checkpoint') {
      // The newest checkpoint whose seal verifies is the trusted starting point.
      for (let i = all.length - 1; i >= 0; i--) {
        const verdict = await this.checkpoints.verify(all[i]);
        checkpointsChecked++;
        if (verdict.valid) {
          anchor = { seq: Number(all[i].seq), hash: all[i].head };
          pending = [];
          break;
        }
        failure ??= signatureFailure(all[i], verdict.reason);
      }
      // No checkpoint verifies: fall back to genesis, checking them all on the way.
      if (anchor.seq === 0) pending = all;
    }
    const verifier = new ChainVerifier(anchor);
    const bySeq = new Map(pending.map((c) => [Number(c.seq), c]));
    if (!failure) {
      for await (const row of this.audit.chain(facilityId, anchor.seq, head.seq)) {
        failure = verifier.push(row);
        if (failure) break;
        const checkpoint = bySeq.get(row.seq);
        if (checkpoint) {
          checkpointsChecked++;
          failure = verifier.expectHead({ id: checkpoint.id, seq: row.seq, head: checkpoint.head });
          if (failure) break;
          const verdict = await this.checkpoints.verify(checkpoint);
          if (!verdict.valid) {
            failure = signatureFailure(checkpoint, verdict.reason);
            break;
          }
        }
      }
    }
    // Events cut off the end of the chain leave the head (and perhaps a checkpoint) pointing past them.
    if (!failure && verifier.position.seq < head.seq) {
      failure = {
        seq: verifier.position.seq + 1,
        problem: 'sequence_gap',
        detail: `events ${verifier.position.seq + 1}–${head.seq} are missing: the chain head is at ${head.seq} but the events stop at ${verifier.position.seq}`,
      };
    } else if (!failure && head.seq > 0 && verifier.position.hash !== head.hash) {
      failure = { seq: head.seq, problem: 'hash_mismatch', detail: `the chain arrives at ${verifier.position.hash.slice(0, 12)}… but its head records ${head.hash.slice(0, 12)}…` };
    }
    const lastCheckpoint = all.length ? Number(all[all.length - 1].seq) : null;
    const finishedAt = this.clock.now();
    const saved = await this.dataSource.getRepository(IntegrityRunEntity).save({
      facilityId,
      status: failure ? 'BROKEN' : 'OK',
      trigger,
      mode,
      startedAt,
      finishedAt,
      fromSeq: String(anchor.seq + 1),
      toSeq: String(head.seq),
      eventsChecked: String(verifier.eventsChecked),
      checkpointsChecked,
      lastCheckpointSeq: lastCheckpoint === null ? null : String(lastCheckpoint),
      unsealedEvents: String(head.seq - (lastCheckpoint ?? 0)),
      failure,
      requestedBy,
    });
    return toReport(saved, Number((process.hrtime.bigint() - started) / 1_000_000n));
  }

  async runs(facilityId: string, limit = 20): Promise<IntegrityReport[]> {
    const rows = await this.dataSource.getRepository(IntegrityRunEntity).find({ where: { facilityId }, order: { startedAt: 'DESC' }, take: limit });
    const names = await this.users.displayNames(rows.map((r) => r.requestedBy).filter((id): id is string => !!id));
    return rows.map((r) => ({ ...toReport(r), requestedBy: r.requestedBy ? (names.get(r.requestedBy) ?? r.requestedBy) : null }));
  }
}

function signatureFailure(checkpoint: AuditCheckpointEntity, reason: string | null): IntegrityFailure {
  return {
    seq: Number(checkpoint.seq),
    checkpointId: checkpoint.id,
    problem: 'checkpoint_signature_invalid',
    detail: `the seal of the checkpoint at event ${checkpoint.seq} does not verify: ${reason ?? 'invalid'}`,
  };
}

function toReport(r: IntegrityRunEntity, durationMs?: number): IntegrityReport {
  return {
    id: r.id,
    facilityId: r.facilityId,
    status: r.status,
    trigger: r.trigger,
    mode: r.mode,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    durationMs: durationMs ?? r.finishedAt.getTime() - r.startedAt.getTime(),
    fromSeq: Number(r.fromSeq),
    toSeq: Number(r.toSeq),
    eventsChecked: Number(r.eventsChecked),
    checkpointsChecked: r.checkpointsChecked,
    lastCheckpointSeq: r.lastCheckpointSeq === null ? null : Number(r.lastCheckpointSeq),
    unsealedEvents: Number(r.unsealedEvents),
    failure: r.failure,
    requestedBy: r.requestedBy,
  };
}
