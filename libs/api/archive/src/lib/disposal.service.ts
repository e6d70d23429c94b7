import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, type UserPrincipal } from '@benhan/api/core';
import { UsersService } from '@benhan/api/identity';
import type { ArchiveSummary, DisposalDecision, DisposalProposal, DisposalListFilter, DisposalRecord, Page } from '@benhan/shared/contracts';
import { ArchiveError, requireText } from './archive.errors';
import { ArchiveService } from './archive.service';
import { ArchiveDisposalEntity, ArchiveEntity } from './entities';
import { ARCHIVE_STORE, type ArchiveStore } from './store';

/**
 * Disposal of archives past retention (R21): never automatic. The records office proposes, the director
 * approves (another person); only then is the file removed from the store. The disposal record, with the hash
 * of what was destroyed, is kept forever. An archive on legal hold or still within retention is never disposed.
 */
@Injectable()
export class DisposalService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly archives: ArchiveService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** Archives whose retention has run out (by the end of today, Vietnam time), not on hold, with no open proposal. */
  async candidates(user: UserPrincipal, limit = 50, offset = 0): Promise<Page<ArchiveSummary>> {
    const [rows, total] = await this.dataSource
      .getRepository(ArchiveEntity)
      .createQueryBuilder('a')
      .where('a.facility_id = :facilityId', { facilityId: user.facilityId })
      .andWhere(`a.status <> 'disposed' AND a.legal_hold_reason IS NULL AND a.retain_until < :today`, { today: this.today() })
      .andWhere(`NOT EXISTS (SELECT 1 FROM archive_disposals d WHERE d.archive_id = a.id AND d.status IN ('proposed', 'approved'))`)
      .orderBy('a.retain_until', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .take(limit)
      .skip(offset)
      .getManyAndCount();
    return { items: await this.archives.summaries(rows), total, limit, offset };
  }

  /** Proposals waiting for the director oldest first; decided ones (and all) the latest decision first. */
  async list(user: UserPrincipal, filter?: DisposalListFilter, limit = 50, offset = 0): Promise<Page<DisposalRecord>> {
    const status = filter === 'decided' ? In(['approved', 'rejected']) : filter;
    const order = filter === 'proposed' ? { proposedAt: 'ASC' as const, id: 'ASC' as const } : { decidedAt: { direction: 'DESC' as const, nulls: 'FIRST' as const }, proposedAt: 'DESC' as const, id: 'ASC' as const };
    const [rows, total] = await this.dataSource
      .getRepository(ArchiveDisposalEntity)
      .findAndCount({ where: { facilityId: user.facilityId, ...(status ? { status } : {}) }, order, take: limit, skip: offset });
    return { items: await this.views(rows), total, limit, offset };
  }

  async propose(user: UserPrincipal, request: DisposalProposal): Promise<DisposalRecord> {
    const reason = requireText('reason', request.reason);
    const id = await this.dataSource.transaction(async (em) => {
      const archive = await this.archives.require(user.facilityId, request.archiveId, em, true);
      this.requireDisposable(archive);
      const open = await em.getRepository(ArchiveDisposalEntity).findOneBy({ archiveId: archive.id, status: In(['proposed', 'approved']) });
      if (open) throw new ArchiveError('disposal_open', 'A disposal of this archive is already proposed', { disposalId: open.id });
      const row = await em.getRepository(ArchiveDisposalEntity).save(
        em.getRepository(ArchiveDisposalEntity).create({
          facilityId: user.facilityId,
          archiveId: archive.id,
          sha256: archive.sha256,
          sizeBytes: archive.sizeBytes,
          store: archive.store,
          storeKey: archive.storeKey,
          generation: archive.generation,
          retainUntil: archive.retainUntil,
          reason,
          status: 'proposed',
          proposedAt: this.clock.now(),
          proposedBy: user.userId,
        }),
      );
      await this.archives.event(em, user, { archiveId: archive.id, encounterId: archive.encounterId, kind: 'disposal_proposed', purpose: reason, details: { disposalId: row.id } });
      await this.audit.record(em, {
        action: 'disposal_propose',
        actor: user,
        resource: { type: 'archive', id: archive.id, version: archive.generation },
        patientId: archive.patientId,
        reason,
        detail: { disposalId: row.id, encounterId: archive.encounterId, retainUntil: archive.retainUntil, sha256: archive.sha256 },
      });
      return row.id;
    });
    return this.view(user.facilityId, id);
  }

  /** The director's decision. Approval removes the file inside the transaction: if removal fails, nothing is recorded as disposed. */
  async decide(user: UserPrincipal, id: string, decision: DisposalDecision): Promise<DisposalRecord> {
    await this.dataSource.transaction(async (em) => {
      const disposal = await em.getRepository(ArchiveDisposalEntity).findOne({ where: { id, facilityId: user.facilityId }, lock: { mode: 'pessimistic_write' } });
      if (!disposal) throw new ArchiveError('disposal_not_found', 'No such disposal proposal');
      if (disposal.status !== 'proposed') throw new ArchiveError('disposal_decided', `This proposal was already ${disposal.status}`);
      if (disposal.proposedBy === user.userId) throw new ArchiveError('four_eyes', 'The person who proposed a disposal cannot approve it');
      const archive = await this.archives.require(user.facilityId, disposal.archiveId, em, true);
      const now = this.clock.now();
      if (!decision.approve) {
        const reason = requireText('reason', decision.reason);
        await em.getRepository(ArchiveDisposalEntity).update({ id }, { status: 'rejected', decidedAt: now, decidedBy: user.userId, decisionReason: reason });
        await this.archives.event(em, user, { archiveId: archive.id, encounterId: archive.encounterId, kind: 'disposal_rejected', purpose: reason, details: { disposalId: id } });
        await this.audit.record(em, {
          action: 'disposal_decide',
          actor: user,
          resource: { type: 'archive', id: archive.id, version: archive.generation },
          patientId: archive.patientId,
          reason,
          detail: { disposalId: id, approved: false, proposedBy: disposal.proposedBy },
        });
        return;
      }
      this.requireDisposable(archive);
      await em.getRepository(ArchiveDisposalEntity).update({ id }, { status: 'approved', decidedAt: now, decidedBy: user.userId, decisionReason: decision.reason?.trim() || null, disposedAt: now });
      await em.getRepository(ArchiveEntity).update({ id: archive.id }, { status: 'disposed', disposedAt: now });
      await this.archives.event(em, user, { archiveId: archive.id, encounterId: archive.encounterId, kind: 'disposal_approved', purpose: decision.reason?.trim() || 'approved', details: { disposalId: id, sha256: archive.sha256 } });
      // Before the file goes, not after: a failed event then leaves the file, and a failed removal rolls the event back.
      await this.audit.record(em, {
        action: 'disposal_decide',
        actor: user,
        resource: { type: 'archive', id: archive.id, version: archive.generation },
        patientId: archive.patientId,
        reason: decision.reason?.trim() || null,
        detail: { disposalId: id, approved: true, proposedBy: disposal.proposedBy, sha256: archive.sha256, sizeBytes: archive.sizeBytes },
      });
      await this.store.delete(archive.storeKey);
    });
    return this.view(user.facilityId, id);
  }

  private requireDisposable(archive: ArchiveEntity): void {
    if (archive.status === 'disposed') throw new ArchiveError('archive_disposed', 'This archive was already disposed of');
    if (archive.legalHoldReason) throw new ArchiveError('legal_hold', `This archive is on legal hold: ${archive.legalHoldReason}`);
    if (!archive.retainUntil) throw new ArchiveError('retention_not_expired', 'This archive is kept permanently');
    if (archive.retainUntil >= this.today()) throw new ArchiveError('retention_not_expired', `This archive is kept until ${archive.retainUntil}`);
  }

  /** Today's date in Vietnam (UTC+7), ISO. */
  private today(): string {
    return new Date(this.clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  }

  private async view(facilityId: string, id: string): Promise<DisposalRecord> {
    const [view] = await this.views([await this.dataSource.getRepository(ArchiveDisposalEntity).findOneByOrFail({ id, facilityId })]);
    return view;
  }

  private async views(rows: ArchiveDisposalEntity[]): Promise<DisposalRecord[]> {
    if (!rows.length) return [];
    const archives = await this.dataSource.getRepository(ArchiveEntity).findBy({ id: In(rows.map((r) => r.archiveId)) });
    const names = await this.users.displayNames([...new Set(rows.flatMap((r) => [r.proposedBy, ...(r.decidedBy ? [r.decidedBy] : [])]))]);
    return rows.map((r) => {
      const archive = archives.find((a) => a.id === r.archiveId);
      return {
        id: r.id,
        archiveId: r.archiveId,
        patientName: archive?.patientName ?? '',
        recordNumber: archive?.recordNumber ?? null,
        generation: r.generation,
        sha256: r.sha256,
        sizeBytes: r.sizeBytes,
        retainUntil: r.retainUntil,
        reason: r.reason,
        status: r.status,
        proposedAt: r.proposedAt.toISOString(),
        proposedByName: names.get(r.proposedBy) ?? '',
        decidedAt: r.decidedAt?.toISOString() ?? null,
        decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? '') : null,
        disposedAt: r.disposedAt?.toISOString() ?? null,
      };
    });
  }
}
