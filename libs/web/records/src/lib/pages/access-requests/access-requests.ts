import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AccessRequest, AccessRequestStatus, Page, PatientSummary } from '@benhan/shared/contracts';
import { AccessRequestsApi, type AccessRequestQuery } from '@benhan/web/data-access';
import { BH_DATE_FORMAT, BH_DATE_TIME_FORMAT, LanguageService, PrintPreview } from '@benhan/web/ui';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { TableModule, type TablePageEvent } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { finalize, type Observable, of } from 'rxjs';
import { ReasonDialog, type ReasonPrompt, type ReasonSubmit } from '../../components/reason-dialog/reason-dialog';
import { failureMessage, type Translatable } from '../../failure-message';
import { ACCESS_REQUEST_STATUS_LABELS, ACCESS_SCOPE_LABELS, accessRequestStatusTag, labelOf, optionsOf, RELATIONSHIP_LABELS } from '../../labels';
import { AccessRequestDialog } from './access-request-dialog';
import { RequestPatientPicker } from './request-patient-picker';

export const REQUESTS_PAGE_SIZE = 20;

const REFUSE_PROMPT: ReasonPrompt = {
  headerKey: _('records.accessRequests.refuseTitle'),
  labelKey: _('records.common.reason'),
  hintKey: _('records.accessRequests.refuseHint'),
  submitKey: _('records.accessRequests.refuse'),
  danger: true,
};

/** The list's filters as chosen. */
interface Filters {
  patient: PatientSummary | null;
  status: AccessRequestStatus | null;
}

function toQuery(filters: Filters, offset: number): AccessRequestQuery {
  const query: AccessRequestQuery = { limit: REQUESTS_PAGE_SIZE, offset };
  if (filters.patient) query.patient = filters.patient.id;
  if (filters.status) query.status = filters.status;
  return query;
}

/**
 * Access requests (`/records/access-requests`, R12): a patient or their representative asks in writing to read, copy
 * or get a summary of the record. The records office records each written request, then releases the record summary
 * (signed by the facility: shown in the print preview to print or download, and logged) or refuses with a reason.
 * The list filters by patient and status; a released summary can be shown again.
 */
@Component({
  selector: 'bh-access-requests',
  imports: [
    DatePipe,
    FormsModule,
    TranslatePipe,
    TableModule,
    Select,
    Tag,
    Message,
    Dialog,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    ReasonDialog,
    PrintPreview,
    AccessRequestDialog,
    RequestPatientPicker,
  ],
  templateUrl: './access-requests.html',
  styleUrl: './access-requests.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccessRequests {
  private readonly api = inject(AccessRequestsApi);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService).language;

  protected readonly date = BH_DATE_FORMAT;
  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly pageSize = REQUESTS_PAGE_SIZE;
  protected readonly labelOf = labelOf;
  protected readonly statusTag = accessRequestStatusTag;
  protected readonly relationshipLabels = RELATIONSHIP_LABELS;
  protected readonly scopeLabels = ACCESS_SCOPE_LABELS;
  /** Labelled in the UI language here rather than by the pipe: the options' screen-reader names use these labels. */
  protected readonly statusOptions = computed(() => {
    this.language();
    return optionsOf(ACCESS_REQUEST_STATUS_LABELS).map(({ value, labelKey }) => ({ value, label: this.translate.instant(labelKey) as string }));
  });

  protected readonly filters = signal<Filters>({ patient: null, status: null });
  private readonly query = signal<AccessRequestQuery>(toQuery(this.filters(), 0));
  private readonly results = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.list(params) });
  private readonly page = computed<Page<AccessRequest> | null>(() => (this.results.hasValue() ? this.results.value() : null));
  protected readonly items = computed(() => this.page()?.items ?? []);
  protected readonly total = computed(() => this.page()?.total ?? 0);
  protected readonly offset = computed(() => this.query().offset ?? 0);
  protected readonly paged = computed(() => this.total() > REQUESTS_PAGE_SIZE);
  protected readonly loading = this.results.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.results.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly recordOpen = signal(false);
  protected readonly notice = signal<Translatable | null>(null);

  /** The request being released or refused. */
  protected readonly current = signal<AccessRequest | null>(null);
  protected readonly releaseOpen = signal(false);
  protected readonly refuseOpen = signal(false);
  protected readonly refusePrompt = REFUSE_PROMPT;
  protected readonly busy = signal(false);
  protected readonly problem = signal<Translatable | null>(null);
  protected readonly subject = computed(() => {
    const request = this.current();
    return request ? `${request.patientName} · ${request.requesterName}` : null;
  });

  protected readonly previewOpen = signal(false);
  protected readonly previewLoad = signal<(() => Observable<Blob>) | null>(null);
  protected readonly previewFileName = signal('tom-tat-ho-so.pdf');
  protected readonly previewTitle = signal('');

  protected set<K extends keyof Filters>(name: K, value: Filters[K]): void {
    this.filters.update((f) => ({ ...f, [name]: value }));
    this.query.set(toQuery(this.filters(), 0));
  }

  protected turnPage(event: TablePageEvent): void {
    this.query.update((q) => ({ ...q, offset: event.first }));
  }

  protected reload(): void {
    this.results.reload();
  }

  protected openRecord(): void {
    this.notice.set(null);
    this.recordOpen.set(true);
  }

  protected onRecorded(request: AccessRequest): void {
    this.notice.set({ key: _('records.accessRequests.recordedNotice'), params: { patient: request.patientName, requester: request.requesterName } });
    this.results.reload();
  }

  protected openRelease(request: AccessRequest): void {
    this.begin(request);
    this.releaseOpen.set(true);
  }

  protected openRefuse(request: AccessRequest): void {
    this.begin(request);
    this.refuseOpen.set(true);
  }

  /** Releases the summary: the facility-sealed PDF comes back once and is shown in the print preview. */
  protected release(): void {
    const request = this.current();
    if (!request || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    this.api
      .release(request.id)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (pdf) => {
          this.releaseOpen.set(false);
          this.notice.set({ key: _('records.accessRequests.releasedNotice'), params: { requester: request.requesterName } });
          this.results.reload();
          this.preview(request, () => of(pdf));
        },
        error: (error: unknown) => this.problem.set(failureMessage(error)),
      });
  }

  protected refuse({ reason }: ReasonSubmit): void {
    const request = this.current();
    if (!request || this.busy()) return;
    this.busy.set(true);
    this.problem.set(null);
    this.api
      .refuse(request.id, reason)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (refused) => {
          this.refuseOpen.set(false);
          this.notice.set({ key: _('records.accessRequests.refusedNotice'), params: { requester: refused.requesterName } });
          this.results.reload();
        },
        error: (error: unknown) => this.problem.set(failureMessage(error)),
      });
  }

  /** The summary released earlier, fetched again. */
  protected showSummary(request: AccessRequest): void {
    this.notice.set(null);
    this.preview(request, () => this.api.summary(request.id));
  }

  private begin(request: AccessRequest): void {
    this.notice.set(null);
    this.problem.set(null);
    this.current.set(request);
  }

  private preview(request: AccessRequest, load: () => Observable<Blob>): void {
    this.previewTitle.set(`${request.patientName} · ${request.requesterName}`);
    this.previewFileName.set(`tom-tat-ho-so-${request.id.slice(0, 8)}.pdf`);
    this.previewLoad.set(load);
    this.previewOpen.set(true);
  }
}
