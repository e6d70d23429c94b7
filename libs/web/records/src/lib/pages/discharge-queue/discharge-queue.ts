import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ArchiveSummary, DischargeQueueItem } from '@benhan/shared/contracts';
import { ArchiveApi, type DischargeQueueScope } from '@benhan/web/data-access';
import { BH_DATE_FORMAT, BH_DATE_TIME_FORMAT, formatLocalIsoDate, serverPage, TranslatedOptionsPipe } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { SelectButton } from 'primeng/selectbutton';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { ArchiveDialog } from '../../components/archive-dialog/archive-dialog';
import { CompletenessList } from '../../components/completeness-list/completeness-list';
import { failureMessage, type Translatable } from '../../failure-message';
import { ENCOUNTER_TYPE_LABELS, labelOf, optionsOf, QUEUE_SCOPE_LABELS, type Severity } from '../../labels';
import { RecordsStore } from '../../records.store';

/** One tag of the completeness column: "Đầy đủ", "Thiếu 2", "1 chờ ký", "1 nháp chưa đủ". */
interface CompletenessTag {
  key: string;
  count: number;
  severity: Severity;
  testId: string;
}

/**
 * The records office's inbox (`/records`): discharged and concluded encounters with how complete each record is
 * (expandable to what is missing), and archiving a record with the retention categories the office asserts.
 * Pending = not archived yet or re-opened since; the scope switch shows archived ones too. A director reads it.
 */
@Component({
  selector: 'bh-discharge-queue',
  imports: [
    TranslatedOptionsPipe,
    DatePipe,
    FormsModule,
    RouterLink,
    TranslatePipe,
    TableModule,
    SelectButton,
    Tag,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    CompletenessList,
    ArchiveDialog,
  ],
  templateUrl: './discharge-queue.html',
  styleUrl: './discharge-queue.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DischargeQueue {
  private readonly api = inject(ArchiveApi);
  protected readonly store = inject(RecordsStore);

  protected readonly date = BH_DATE_FORMAT;
  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly typeLabels = ENCOUNTER_TYPE_LABELS;
  protected readonly labelOf = labelOf;
  protected readonly scopeOptions = optionsOf(QUEUE_SCOPE_LABELS);
  protected readonly scope = signal<DischargeQueueScope>('pending');

  /** A page at a time, ordered by the server: to archive, the longest waiting first; archived, the newest first. */
  protected readonly queue = serverPage({ pageSize: 25, params: () => this.scope(), load: (scope, page) => this.api.queue(scope, page) });
  protected readonly loadError = computed(() => {
    const error = this.queue.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly showDetailKey = _('records.queue.showDetail');
  protected readonly hideDetailKey = _('records.queue.hideDetail');
  protected readonly archiving = signal<DischargeQueueItem | null>(null);
  protected readonly archiveOpen = signal(false);
  protected readonly notice = signal<Translatable | null>(null);

  protected selectScope(scope: DischargeQueueScope | null): void {
    if (scope) this.scope.set(scope);
  }

  protected toggle(item: DischargeQueueItem): void {
    const next = new Set(this.expanded());
    if (!next.delete(item.encounterId)) next.add(item.encounterId);
    this.expanded.set(next);
  }

  protected tags(item: DischargeQueueItem): CompletenessTag[] {
    const { complete, missing, awaitingSignature, incompleteDrafts } = item.completeness;
    if (complete) return [{ key: _('records.queue.complete'), count: 0, severity: 'success', testId: 'completeness-complete' }];
    const tags: CompletenessTag[] = [];
    if (missing.length) tags.push({ key: _('records.queue.missingCount'), count: missing.length, severity: 'danger', testId: 'completeness-missing-count' });
    if (awaitingSignature.length)
      tags.push({ key: _('records.queue.awaitingCount'), count: awaitingSignature.length, severity: 'warn', testId: 'completeness-awaiting-count' });
    if (incompleteDrafts.length)
      tags.push({ key: _('records.queue.draftCount'), count: incompleteDrafts.length, severity: 'warn', testId: 'completeness-drafts-count' });
    return tags;
  }

  /** Not archived yet, or re-opened since: the records office may archive it (again). */
  protected canArchive(item: DischargeQueueItem): boolean {
    return this.store.isRecordsOfficer() && (item.archive === null || item.reopened);
  }

  protected archive(item: DischargeQueueItem): void {
    this.notice.set(null);
    this.archiving.set(item);
    this.archiveOpen.set(true);
  }

  protected onArchived(archive: ArchiveSummary): void {
    const until = archive.retention.retainUntil;
    this.notice.set({
      key: until ? _('records.queue.archivedNotice') : _('records.queue.archivedNoticePermanent'),
      params: { patient: archive.patientName, generation: String(archive.generation), until: formatLocalIsoDate(until) },
    });
    this.queue.reload();
  }

  protected reload(): void {
    this.queue.reload();
  }
}
