import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { ArchiveSearch as ArchiveQuery, ArchiveStatus, ArchiveSummary, Page } from '@benhan/shared/contracts';
import { ArchiveApi } from '@benhan/web/data-access';
import { BH_DATE_FORMAT, BH_DATE_TIME_FORMAT, formatLocalIsoDate, saveBlob, toLocalIsoDate, TranslatedOptionsPipe } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { DatePicker } from 'primeng/datepicker';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { TableModule, type TablePageEvent } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { finalize } from 'rxjs';
import { ReasonDialog, type ReasonPrompt, type ReasonSubmit } from '../../components/reason-dialog/reason-dialog';
import { failureMessage, type Translatable } from '../../failure-message';
import { ARCHIVE_STATUS_LABELS, archiveStatusTag, fixityTag, optionsOf } from '../../labels';
import { RecordsStore } from '../../records.store';

/** The server's pattern for the diagnosis filter: an ICD-10 code or its prefix (`J18`, `J18.9`). */
const ICD10_PREFIX = /^[A-Za-z][0-9A-Za-z.]{0,6}$/;
const PAGE_SIZE = 20;

const EXPORT_PROMPT: ReasonPrompt = {
  headerKey: _('records.export.title'),
  labelKey: _('records.export.reason'),
  hintKey: _('records.export.hint'),
  submitKey: _('records.export.submit'),
};

/** The search form as typed; dates are the date pickers' local midnights. */
interface Filters {
  q: string;
  recordNumber: string;
  diagnosis: string;
  endedFrom: Date | null;
  endedTo: Date | null;
  status: ArchiveStatus | null;
}

const EMPTY: Filters = { q: '', recordNumber: '', diagnosis: '', endedFrom: null, endedTo: null, status: 'stored' };

/**
 * The archive (`/records/archives`): search by patient (name or code), record number, ICD-10 diagnosis, discharge
 * dates and status, with each archive's generation, when it was archived, how long it is kept (or permanently),
 * a legal hold, and the last fixity check; a row opens the archive. The records office exports the whole archive
 * here, with a reason.
 */
@Component({
  selector: 'bh-archive-search',
  imports: [TranslatedOptionsPipe, 
    DatePipe,
    FormsModule,
    RouterLink,
    TranslatePipe,
    TableModule,
    InputText,
    DatePicker,
    Select,
    Tag,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    ReasonDialog,
  ],
  templateUrl: './archive-search.html',
  styleUrl: './archive-search.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArchiveSearch {
  private readonly api = inject(ArchiveApi);
  protected readonly store = inject(RecordsStore);

  protected readonly date = BH_DATE_FORMAT;
  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly archiveStatusTag = archiveStatusTag;
  protected readonly fixityTag = fixityTag;
  protected readonly statusOptions = optionsOf(ARCHIVE_STATUS_LABELS);
  protected readonly formatDate = formatLocalIsoDate;

  protected readonly filters = signal<Filters>({ ...EMPTY });
  protected readonly submitted = signal(false);
  protected readonly problems = computed(() => {
    const f = this.filters();
    const diagnosis = f.diagnosis.trim();
    return {
      diagnosis: this.submitted() && diagnosis !== '' && !ICD10_PREFIX.test(diagnosis),
      range: this.submitted() && !!f.endedFrom && !!f.endedTo && f.endedFrom > f.endedTo,
    };
  });

  /** The search sent: filters as the API takes them, and the page. */
  private readonly query = signal<ArchiveQuery>(toQuery(EMPTY, 0));
  private readonly results = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.search(params) });
  private readonly page = computed<Page<ArchiveSummary> | null>(() => (this.results.hasValue() ? this.results.value() : null));
  protected readonly items = computed(() => this.page()?.items ?? []);
  protected readonly total = computed(() => this.page()?.total ?? 0);
  protected readonly offset = computed(() => this.query().offset ?? 0);
  protected readonly paged = computed(() => this.total() > PAGE_SIZE);
  protected readonly loading = this.results.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.results.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly exportPrompt = EXPORT_PROMPT;
  protected readonly exportOpen = signal(false);
  protected readonly exporting = signal(false);
  protected readonly exportProblem = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  protected set<K extends keyof Filters>(name: K, value: Filters[K]): void {
    this.filters.update((f) => ({ ...f, [name]: value }));
  }

  protected search(): void {
    this.submitted.set(true);
    const problems = this.problems();
    if (problems.diagnosis || problems.range) return;
    this.query.set(toQuery(this.filters(), 0));
  }

  protected reset(): void {
    this.submitted.set(false);
    this.filters.set({ ...EMPTY });
    this.query.set(toQuery(EMPTY, 0));
  }

  protected turnPage(event: TablePageEvent): void {
    this.query.update((q) => ({ ...q, offset: event.first }));
  }

  protected reload(): void {
    this.results.reload();
  }

  protected openExport(): void {
    this.notice.set(null);
    this.exportProblem.set(null);
    this.exportOpen.set(true);
  }

  /** Downloads every archive and the manifest as one tar, with the reason recorded. */
  protected export({ reason }: ReasonSubmit): void {
    this.exporting.set(true);
    this.exportProblem.set(null);
    this.api
      .exportAll(reason)
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: (blob) => {
          saveBlob(blob, `benhan-archives-${toLocalIsoDate(new Date())}.tar`);
          this.exportOpen.set(false);
          this.notice.set({ key: _('records.export.done') });
        },
        error: (error: unknown) => this.exportProblem.set(failureMessage(error)),
      });
  }
}

function toQuery(filters: Filters, offset: number): ArchiveQuery {
  const query: ArchiveQuery = { limit: PAGE_SIZE, offset };
  const text = (value: string) => value.trim() || undefined;
  query.q = text(filters.q);
  query.recordNumber = text(filters.recordNumber);
  query.diagnosis = text(filters.diagnosis)?.toUpperCase();
  query.endedFrom = filters.endedFrom ? toLocalIsoDate(filters.endedFrom) : undefined;
  query.endedTo = filters.endedTo ? toLocalIsoDate(filters.endedTo) : undefined;
  query.status = filters.status ?? undefined;
  return query;
}
