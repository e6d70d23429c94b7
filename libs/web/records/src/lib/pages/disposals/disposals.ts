import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { ArchiveSummary, DisposalRecord } from '@benhan/shared/contracts';
import { ArchiveApi } from '@benhan/web/data-access';
import { BH_DATE_FORMAT, BH_DATE_TIME_FORMAT, formatLocalIsoDate, serverPage } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { finalize, type Observable } from 'rxjs';
import { ReasonDialog, type ReasonPrompt, type ReasonSubmit } from '../../components/reason-dialog/reason-dialog';
import { failureMessage, type Translatable } from '../../failure-message';
import { disposalStatusTag, fileSize } from '../../labels';
import { archiveFailure } from '../../problem-keys';
import { RecordsStore } from '../../records.store';

const PAGE_SIZE = 20;

/** What the reason dialog is asking for, and about which archive or proposal. */
type Pending =
  | { kind: 'propose'; archive: ArchiveSummary }
  | { kind: 'approve'; disposal: DisposalRecord }
  | { kind: 'reject'; disposal: DisposalRecord };

const PROMPTS: Record<Pending['kind'], ReasonPrompt> = {
  propose: {
    headerKey: _('records.disposals.proposeTitle'),
    labelKey: _('records.common.reason'),
    hintKey: _('records.disposals.proposeHint'),
    submitKey: _('records.disposals.propose'),
  },
  approve: {
    headerKey: _('records.disposals.approveTitle'),
    labelKey: _('records.disposals.decisionNote'),
    hintKey: _('records.disposals.approveHint'),
    submitKey: _('records.disposals.approve'),
    required: false,
    danger: true,
  },
  reject: {
    headerKey: _('records.disposals.rejectTitle'),
    labelKey: _('records.common.reason'),
    submitKey: _('records.disposals.reject'),
  },
};

/**
 * Disposal of archives past their retention (`/records/disposals`; a director lands here), with two people: the
 * records office proposes a candidate (past retention, not on hold) with a reason, the director approves (the
 * file leaves the store; the record of it stays) or rejects with a reason. Only a director sees the decision
 * buttons, and the server refuses one who proposed it (`four_eyes`). Below, the decided proposals.
 */
@Component({
  selector: 'bh-disposals',
  imports: [DatePipe, RouterLink, TranslatePipe, TableModule, Tag, Message, ButtonDirective, ButtonIcon, ButtonLabel, ReasonDialog],
  templateUrl: './disposals.html',
  styleUrl: './disposals.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Disposals {
  private readonly api = inject(ArchiveApi);
  protected readonly store = inject(RecordsStore);

  protected readonly date = BH_DATE_FORMAT;
  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly disposalStatusTag = disposalStatusTag;
  protected readonly formatDate = formatLocalIsoDate;
  protected readonly fileSize = fileSize;

  /** Only the records office proposes, so only it is shown the candidates (the server orders: retention ended longest ago first). */
  protected readonly candidates = serverPage({
    pageSize: PAGE_SIZE,
    params: () => (this.store.isRecordsOfficer() ? true : undefined),
    load: (_, page) => this.api.disposalCandidates(page),
  });
  /** Waiting for the director, oldest first. */
  protected readonly proposals = serverPage({ pageSize: PAGE_SIZE, load: (_, page) => this.api.disposals('proposed', page) });
  /** Decided, newest first. */
  protected readonly history = serverPage({ pageSize: PAGE_SIZE, load: (_, page) => this.api.disposals('decided', page) });
  private readonly lists = [this.candidates, this.proposals, this.history];
  protected readonly loading = computed(() => this.lists.some((list) => list.loading()));
  protected readonly loadError = computed(() => {
    const error = this.lists.map((list) => list.error()).find(Boolean);
    return error ? failureMessage(error) : null;
  });

  protected readonly pending = signal<Pending | null>(null);
  protected readonly prompt = computed(() => PROMPTS[this.pending()?.kind ?? 'propose']);
  protected readonly subject = computed(() => {
    const pending = this.pending();
    if (!pending) return null;
    const target = pending.kind === 'propose' ? pending.archive : pending.disposal;
    return [target.patientName, target.recordNumber].filter(Boolean).join(' · ');
  });
  protected readonly promptOpen = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  protected propose(archive: ArchiveSummary): void {
    this.ask({ kind: 'propose', archive });
  }

  protected approve(disposal: DisposalRecord): void {
    this.ask({ kind: 'approve', disposal });
  }

  protected reject(disposal: DisposalRecord): void {
    this.ask({ kind: 'reject', disposal });
  }

  protected confirm({ reason }: ReasonSubmit): void {
    const pending = this.pending();
    if (!pending || this.busy()) return;
    let call: Observable<DisposalRecord>;
    let key: string;
    switch (pending.kind) {
      case 'propose':
        call = this.api.proposeDisposal({ archiveId: pending.archive.id, reason });
        key = _('records.disposals.proposedNotice');
        break;
      case 'approve':
        call = this.api.decideDisposal(pending.disposal.id, reason ? { approve: true, reason } : { approve: true });
        key = _('records.disposals.approvedNotice');
        break;
      case 'reject':
        call = this.api.decideDisposal(pending.disposal.id, { approve: false, reason });
        key = _('records.disposals.rejectedNotice');
        break;
    }
    this.busy.set(true);
    this.problem.set(null);
    call.pipe(finalize(() => this.busy.set(false))).subscribe({
      next: (disposal) => {
        this.promptOpen.set(false);
        this.notice.set({ key, params: { patient: disposal.patientName } });
        this.reload();
      },
      error: (error: unknown) => this.problem.set(archiveFailure(error)),
    });
  }

  protected reload(): void {
    for (const list of this.lists) list.reload();
  }

  private ask(pending: Pending): void {
    this.notice.set(null);
    this.problem.set(null);
    this.pending.set(pending);
    this.promptOpen.set(true);
  }
}
