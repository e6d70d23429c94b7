import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, type UserPrincipal } from '@benhan/api/core';
import { AuditLog } from '@benhan/api/audit';
import { PkiService } from '@benhan/api/signatures';
import type { AuditBundle } from '@benhan/shared/contracts';
import { CheckpointService, toCheckpoint } from './checkpoint.service';
import { InspectionError } from './inspection.errors';

/** A bundle is built in memory: beyond this, ask for a narrower time range. */
export const MAX_BUNDLE_EVENTS = 200_000;

/**
 * The audit bundle: the events of a time range, the checkpoints that seal them and the certificates to
 * check those seals, as one JSON file that tools/verify-audit checks with Node and OpenSSL alone. The
 * range runs on to the next checkpoint, so its last events are sealed too.
 */
@Injectable()
export class AuditBundleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly checkpoints: CheckpointService,
    private readonly pki: PkiService,
    private readonly clock: Clock,
  ) {}

  async export(user: UserPrincipal, range: { from?: string; to?: string; reason: string }): Promise<AuditBundle> {
    const from = range.from ? new Date(range.from) : null;
    const to = range.to ? new Date(range.to) : null;
    if (from && to && from >= to) throw new InspectionError('invalid_request', 'from must be before to', {}, [{ field: 'to', message: 'must be after from' }]);
    const seqs = await this.audit.seqRange(user.facilityId, from, to);
    const [facility] = (await this.dataSource.query(`SELECT id, name, code FROM facilities WHERE id = $1`, [user.facilityId])) as { id: string; name: string; code: string }[];
    // Recorded first: the export itself is in the chain (and in the bundle when the range is open-ended).
    await this.audit.recordNow({ action: 'audit_export', resource: { type: 'audit', id: user.facilityId }, reason: range.reason, detail: { from: range.from ?? null, to: range.to ?? null } });
    let events: AuditBundle['events'] = [];
    let checkpoints: AuditBundle['checkpoints'] = [];
    let anchor = { seq: 0, hash: '0'.repeat(64) };
    if (seqs) {
      const sealing = await this.checkpoints.firstFrom(user.facilityId, seqs.last);
      const last = sealing ? Number(sealing.seq) : seqs.last;
      if (last - seqs.first + 1 > MAX_BUNDLE_EVENTS) {
        throw new InspectionError('range_too_large', `The range holds ${last - seqs.first + 1} events; a bundle holds at most ${MAX_BUNDLE_EVENTS}. Choose a narrower time range.`, {
          events: last - seqs.first + 1,
        });
      }
      events = await this.audit.eventsBetween(user.facilityId, seqs.first, last);
      checkpoints = (await this.checkpoints.between(user.facilityId, seqs.first, last)).map(toCheckpoint);
      anchor = { seq: seqs.first - 1, hash: events[0]?.previousHash ?? anchor.hash };
    }
    const [roots, chain] = await Promise.all([this.pki.trustedRoots(user.facilityId), this.pki.sealChainPems(user.facilityId)]);
    return {
      format: 'benhan-audit-bundle',
      version: 1,
      facility: { id: facility.id, name: facility.name, code: facility.code ?? null },
      exportedAt: this.clock.now().toISOString(),
      exportedBy: user.username,
      reason: range.reason,
      range: { from: range.from ?? null, to: range.to ?? null },
      anchor,
      events,
      checkpoints,
      certificates: { roots, chain },
    };
  }
}
