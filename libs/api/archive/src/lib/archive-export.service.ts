import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, In } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, TAR_END, tarHeader, tarPadding, type UserPrincipal } from '@benhan/api/core';
import { ArchiveError, requireText } from './archive.errors';
import { ArchiveService } from './archive.service';
import { ArchiveDisposalEntity, ArchiveEntity } from './entities';
import { ARCHIVE_STORE, type ArchiveStore } from './store';

/**
 * The facility's whole archive in one tar (R18, hand-over at the end of a contract): every stored and
 * superseded archive file under archives/, a manifest.json (what each file is, its hash and retention), a
 * SHA256SUMS file that `sha256sum -c` checks, the disposal records (hashes of what was destroyed) and a README.
 * Streamed file by file; recorded with its reason.
 */
@Injectable()
export class ArchiveExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
    private readonly archives: ArchiveService,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async export(user: UserPrincipal, reasonText: string | undefined): Promise<Readable> {
    const reason = requireText('reason', reasonText);
    const rows = await this.dataSource.getRepository(ArchiveEntity).find({ where: { facilityId: user.facilityId, status: In(['stored', 'superseded']) }, order: { archivedAt: 'ASC' } });
    const disposals = await this.dataSource.getRepository(ArchiveDisposalEntity).find({ where: { facilityId: user.facilityId }, order: { proposedAt: 'ASC' } });
    const summaries = await this.archives.summaries(rows);
    // Check every file first: once the tar has started, an error can only cut it short.
    for (const r of rows) {
      if (!(await this.store.exists(r.storeKey))) throw new ArchiveError('archive_file_missing', `Archive ${r.id} (${r.storeKey}) is missing from the store: run a fixity check and restore it from backup before exporting`);
    }
    await this.dataSource.transaction(async (em) => {
      await this.archives.event(em, user, { archiveId: null, encounterId: null, kind: 'export', purpose: reason, details: { archives: rows.length } });
      // One event for the whole hand-over (the facility's archive, every patient): its counts, not a row per archive.
      await this.audit.record(em, {
        action: 'archive_export',
        actor: user,
        resource: null,
        reason,
        detail: { archives: rows.length, disposals: disposals.length, bytes: rows.reduce((n, r) => n + Number(r.sizeBytes), 0) },
      });
    });
    const now = this.clock.now();
    const text = (s: string) => Buffer.from(s, 'utf8');
    const manifest = text(JSON.stringify({ exportedAt: now.toISOString(), reason, archives: summaries.map((s) => ({ ...s, file: `archives/${s.storeKey}` })) }, null, 2));
    const sums = text(rows.map((r) => `${r.sha256}  archives/${r.storeKey}\n`).join(''));
    const disposed = text(JSON.stringify(disposals.map((d) => ({ id: d.id, archiveId: d.archiveId, sha256: d.sha256, sizeBytes: d.sizeBytes, storeKey: d.storeKey, status: d.status, reason: d.reason, proposedAt: d.proposedAt, decidedAt: d.decidedAt, disposedAt: d.disposedAt })), null, 2));
    const readme = text(
      [
        'Benhan archive export',
        `Exported ${now.toISOString()}: ${rows.length} archive files.`,
        '',
        'archives/…/*.pdf   each a PDF/A-3 record of one encounter, sealed with the facility certificate (PAdES):',
        '                   check with `pdfsig FILE`; the signed JSON and .p7s of every version are attached (`pdfdetach -list FILE`).',
        'manifest.json      what each file is (patient, record number, dates, diagnoses, retention, hash).',
        'SHA256SUMS         `sha256sum -c SHA256SUMS` proves every file is intact.',
        'disposals.json     archives destroyed after their retention, with the hash of what was destroyed.',
        '',
      ].join('\n'),
    );
    const store = this.store;
    async function* entries(): AsyncGenerator<Buffer> {
      for (const [name, content] of [['README.txt', readme], ['manifest.json', manifest], ['SHA256SUMS', sums], ['disposals.json', disposed]] as const) {
        yield tarHeader(name, content.length, now);
        yield content;
        yield tarPadding(content.length);
      }
      for (const r of rows) {
        yield tarHeader(`archives/${r.storeKey}`, r.sizeBytes, r.archivedAt);
        let written = 0;
        for await (const chunk of (await store.get(r.storeKey)) as AsyncIterable<Buffer>) {
          written += chunk.length;
          yield chunk;
        }
        // A changed file would break the tar's framing: stop loudly rather than hand over a corrupt export.
        if (written !== r.sizeBytes) throw new Error(`archive ${r.id} is ${written} bytes in the store, ${r.sizeBytes} recorded: run a fixity check`);
        yield tarPadding(r.sizeBytes);
      }
      yield TAR_END;
    }
    return Readable.from(entries());
  }
}
