import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { ArchiveLoan, ArchiveSummary, LoanRequest } from '@benhan/shared/contracts';
import { ArchiveApi } from '@benhan/web/data-access';
import { BH_DATE_FORMAT, BH_DATE_TIME_FORMAT, formatLocalIsoDate, PrintPreview, saveBlob, serverPage } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { finalize, map, type Observable } from 'rxjs';
import { LoanDialog } from '../../components/loan-dialog/loan-dialog';
import { ReasonDialog, type ReasonPrompt, type ReasonSubmit } from '../../components/reason-dialog/reason-dialog';
import { failureMessage, type Translatable } from '../../failure-message';
import { archiveFailure } from '../../problem-keys';
import {
  ACCESS_KIND_LABELS,
  archiveStatusTag,
  ENCOUNTER_TYPE_LABELS,
  fileSize,
  fixityTag,
  labelOf,
  RETENTION_CATEGORY_LABELS,
} from '../../labels';
import { RecordsStore } from '../../records.store';

/** What the reason dialog is asking for. */
type Action = 'purpose' | 'holdOn' | 'holdOff' | 'reopen';

const PROMPTS: Record<Action, ReasonPrompt> = {
  purpose: {
    headerKey: _('records.detail.purposeTitle'),
    labelKey: _('records.detail.purpose'),
    hintKey: _('records.detail.purposeHint'),
    submitKey: _('records.detail.download'),
    secondaryKey: _('records.detail.preview'),
  },
  holdOn: {
    headerKey: _('records.detail.holdOnTitle'),
    labelKey: _('records.common.reason'),
    hintKey: _('records.detail.holdOnHint'),
    submitKey: _('records.detail.holdOn'),
  },
  holdOff: {
    headerKey: _('records.detail.holdOffTitle'),
    labelKey: _('records.common.reason'),
    submitKey: _('records.detail.holdOff'),
  },
  reopen: {
    headerKey: _('records.detail.reopenTitle'),
    labelKey: _('records.common.reason'),
    hintKey: _('records.detail.reopenHint'),
    submitKey: _('records.detail.reopen'),
  },
};

/**
 * One archive (`/records/archives/:id`): what was archived and how it is kept (generation, SHA-256, size, retention
 * and its rule, legal hold, last fixity check, the lookup code printed on every page), its loans and its access
 * log. Anyone here may take the file out with a purpose (downloaded or previewed; the purpose is recorded); the
 * records office places or lifts a legal hold, re-opens the record for amendment, lends it and takes it back.
 */
@Component({
  selector: 'bh-archive-detail',
  imports: [
    DatePipe,
    RouterLink,
    TranslatePipe,
    TableModule,
    Tag,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    ReasonDialog,
    LoanDialog,
    PrintPreview,
  ],
  templateUrl: './archive-detail.html',
  styleUrl: './archive-detail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArchiveDetail {
  private readonly api = inject(ArchiveApi);
  protected readonly store = inject(RecordsStore);

  protected readonly date = BH_DATE_FORMAT;
  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly archiveStatusTag = archiveStatusTag;
  protected readonly fixityTag = fixityTag;
  protected readonly labelOf = labelOf;
  protected readonly kindLabels = ACCESS_KIND_LABELS;
  protected readonly typeLabels = ENCOUNTER_TYPE_LABELS;
  protected readonly categoryLabels = RETENTION_CATEGORY_LABELS;
  protected readonly formatDate = formatLocalIsoDate;
  protected readonly fileSize = fileSize;

  private readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get('id'))), { initialValue: null });

  private readonly archiveResource = rxResource({ params: () => this.id() ?? undefined, stream: ({ params }) => this.api.get(params) });
  /** The archive; replaced by the server's answer after a legal hold or a re-opening. */
  protected readonly archive = linkedSignal<ArchiveSummary | null>(() => (this.archiveResource.hasValue() ? this.archiveResource.value() : null));
  private readonly loansResource = rxResource({ params: () => this.id() ?? undefined, stream: ({ params }) => this.api.loans(params) });
  protected readonly loans = computed<ArchiveLoan[]>(() =>
    this.loansResource.hasValue() ? [...this.loansResource.value()].sort((a, b) => b.lentAt.localeCompare(a.lentAt)) : [],
  );
  /** Newest first, a page at a time: an archive is read for decades. */
  protected readonly access = serverPage({ pageSize: 20, params: () => this.id() ?? undefined, load: (id, page) => this.api.accessLog(id, page) });
  protected readonly loadError = computed(() => {
    const error = this.archiveResource.error() ?? this.loansResource.error() ?? this.access.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly subject = computed(() => {
    const a = this.archive();
    return a ? [a.patientName, a.recordNumber].filter(Boolean).join(' · ') : null;
  });
  protected readonly canTakeOut = computed(() => this.archive()?.status !== 'disposed');
  protected readonly canReopen = computed(() => this.store.isRecordsOfficer() && this.archive()?.status === 'stored');
  protected readonly canHold = computed(() => this.store.isRecordsOfficer() && this.archive()?.status !== 'disposed');

  protected readonly action = signal<Action>('purpose');
  protected readonly prompt = computed(() => PROMPTS[this.action()]);
  protected readonly promptOpen = signal(false);
  protected readonly loanOpen = signal(false);
  protected readonly busy = signal(false);
  protected readonly problem = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);
  protected readonly rowProblem = signal<Translatable | null>(null);

  protected readonly previewOpen = signal(false);
  protected readonly previewLoad = signal<(() => Observable<Blob>) | null>(null);
  protected readonly fileName = computed(() => {
    const a = this.archive();
    return a ? `${(a.recordNumber ?? a.patientCode).replace(/[^A-Za-z0-9]+/g, '-')}-g${a.generation}.pdf` : 'archive.pdf';
  });

  protected open(action: Action): void {
    this.notice.set(null);
    this.problem.set(null);
    this.action.set(action);
    this.promptOpen.set(true);
  }

  protected openLoan(): void {
    this.notice.set(null);
    this.problem.set(null);
    this.loanOpen.set(true);
  }

  protected confirm({ reason, secondary }: ReasonSubmit): void {
    const archive = this.archive();
    if (!archive || this.busy()) return;
    switch (this.action()) {
      case 'purpose':
        return secondary ? this.preview(archive.id, reason) : this.download(archive.id, reason);
      case 'holdOn':
      case 'holdOff': {
        const hold = this.action() === 'holdOn';
        return this.run(this.api.legalHold(archive.id, { hold, reason }), (updated) => {
          this.archive.set(updated);
          this.notice.set({ key: hold ? _('records.detail.heldNotice') : _('records.detail.releasedNotice') });
        });
      }
      case 'reopen':
        return this.run(this.api.reopen(archive.id, { reason }), (updated) => {
          this.archive.set(updated);
          this.notice.set({ key: _('records.detail.reopenedNotice'), params: { generation: String(updated.generation + 1) } });
        });
    }
  }

  protected lend(request: LoanRequest): void {
    const archive = this.archive();
    if (!archive || this.busy()) return;
    this.run(
      this.api.lend(archive.id, request),
      (loan) => {
        this.notice.set({ key: _('records.loan.lentNotice'), params: { borrower: loan.borrower } });
        this.reloadLogs();
      },
      this.loanOpen,
    );
  }

  protected returnLoan(loan: ArchiveLoan): void {
    this.rowProblem.set(null);
    this.notice.set(null);
    this.api.returnLoan(loan.id).subscribe({
      next: (returned) => {
        this.notice.set({ key: _('records.loan.returnedNotice'), params: { borrower: returned.borrower } });
        this.reloadLogs();
      },
      error: (error: unknown) => this.rowProblem.set(archiveFailure(error)),
    });
  }

  protected isOverdue(loan: ArchiveLoan): boolean {
    return !loan.returnedAt && Date.parse(loan.dueAt) < Date.now();
  }

  protected reload(): void {
    this.archiveResource.reload();
    this.reloadLogs();
  }

  /** The preview closed: the access log has a new line. */
  protected previewVisible(visible: boolean): void {
    this.previewOpen.set(visible);
    if (!visible) this.access.reload();
  }

  private download(id: string, purpose: string): void {
    this.run(this.api.pdf(id, purpose), (blob) => {
      saveBlob(blob, this.fileName());
      this.notice.set({ key: _('records.detail.downloadedNotice') });
      this.access.reload();
    });
  }

  private preview(id: string, purpose: string): void {
    this.promptOpen.set(false);
    this.previewLoad.set(() => this.api.pdf(id, purpose));
    this.previewOpen.set(true);
  }

  /** Makes a call from a dialog: busy while it runs, the dialog closed on success, the server's refusal shown in it. */
  private run<T>(call: Observable<T>, done: (value: T) => void, dialog = this.promptOpen): void {
    this.busy.set(true);
    this.problem.set(null);
    call.pipe(finalize(() => this.busy.set(false))).subscribe({
      next: (value) => {
        dialog.set(false);
        done(value);
      },
      error: (error: unknown) => this.problem.set(archiveFailure(error)),
    });
  }

  private reloadLogs(): void {
    this.loansResource.reload();
    this.access.reload();
  }
}
