import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { AccessLogEntry, Page, PatientSummary } from '@benhan/shared/contracts';
import { type AccessLogQuery, AuditApi, PatientsApi } from '@benhan/web/data-access';
import { BH_DATE_TIME_FORMAT } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { DatePicker } from 'primeng/datepicker';
import { Message } from 'primeng/message';
import { TableModule, type TablePageEvent } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { PatientPicker } from '../../components/patient-picker/patient-picker';
import { instantRange, rangeInvalid } from '../../dates';
import { failureMessage } from '../../failure-message';
import { AUDIT_ACTION_LABELS, labelOf, RESOURCE_TYPE_LABELS, roleLabel, shortId } from '../../labels';

export const ACCESS_PAGE_SIZE = 50;

/** The form as typed; dates are the date pickers' local midnights. */
export interface AccessFilters {
  patient: PatientSummary | null;
  from: Date | null;
  to: Date | null;
}

/** The access-log query of a patient, or null while none is chosen. */
export function accessQuery(filters: AccessFilters, offset: number): AccessLogQuery | null {
  if (!filters.patient) return null;
  return { patient: filters.patient.id, ...instantRange(filters.from, filters.to), limit: ACCESS_PAGE_SIZE, offset };
}

/**
 * Who accessed a record (`/inspector/access`): pick a patient, and every read, print and export of their data is
 * listed (whose, when, what, from where, why), failures and refusals too; break-glass rows stand out in red with
 * their reason. A date range narrows it. `?patient=<id>` opens a patient directly (the signature trail links here).
 */
@Component({
  selector: 'bh-access-log',
  imports: [DatePipe, FormsModule, RouterLink, TranslatePipe, TableModule, DatePicker, Tag, Message, ButtonDirective, ButtonIcon, ButtonLabel, PatientPicker],
  templateUrl: './access-log.html',
  styleUrl: './access-log.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccessLog {
  private readonly api = inject(AuditApi);
  private readonly patients = inject(PatientsApi);

  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly pageSize = ACCESS_PAGE_SIZE;
  protected readonly labelOf = labelOf;
  protected readonly roleLabel = roleLabel;
  protected readonly shortId = shortId;
  protected readonly actionLabels = AUDIT_ACTION_LABELS;
  protected readonly resourceLabels = RESOURCE_TYPE_LABELS;

  protected readonly filters = signal<AccessFilters>({ patient: null, from: null, to: null });
  protected readonly submitted = signal(false);
  protected readonly badRange = computed(() => this.submitted() && rangeInvalid(this.filters().from, this.filters().to));

  protected readonly query = signal<AccessLogQuery | null>(null);
  private readonly results = rxResource({ params: () => this.query() ?? undefined, stream: ({ params }) => this.api.access(params) });
  /**
   * The page shown: while the next page of the same patient loads, the last one stays (under the table's loading mask),
   * so the count and the paginator do not vanish and come back at every page turn. Another patient starts empty.
   */
  private readonly page = linkedSignal<{ patient: string | undefined; read: Page<AccessLogEntry> | undefined }, Page<AccessLogEntry> | null>({
    source: () => ({ patient: this.query()?.patient, read: this.results.hasValue() ? this.results.value() : undefined }),
    computation: ({ patient, read }, previous) => read ?? (previous && previous.source.patient === patient ? previous.value : null),
  });
  protected readonly items = computed(() => this.page()?.items ?? []);
  protected readonly total = computed(() => this.page()?.total ?? 0);
  protected readonly breakGlassCount = computed(() => this.items().filter((e) => e.breakGlass).length);
  protected readonly offset = computed(() => this.query()?.offset ?? 0);
  protected readonly paged = computed(() => this.total() > ACCESS_PAGE_SIZE);
  protected readonly loading = this.results.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.results.error();
    return error ? failureMessage(error) : null;
  });
  /** The patient whose log is shown, for the link back to their signature trail. */
  protected readonly patientId = computed(() => this.query()?.patient ?? null);

  constructor() {
    const patientId = inject(ActivatedRoute).snapshot.queryParamMap.get('patient');
    if (patientId) {
      this.query.set({ patient: patientId, limit: ACCESS_PAGE_SIZE, offset: 0 });
      this.patients.get(patientId).subscribe({
        next: (patient) => this.filters.update((f) => (f.patient ? f : { ...f, patient })),
        error: () => undefined,
      });
    }
  }

  protected set<K extends keyof AccessFilters>(name: K, value: AccessFilters[K]): void {
    this.filters.update((f) => ({ ...f, [name]: value }));
  }

  /** Choosing a patient shows their log at once, within the days already given. */
  protected choose(patient: PatientSummary | null): void {
    this.set('patient', patient);
    if (patient) this.search();
  }

  protected search(): void {
    this.submitted.set(true);
    if (this.badRange()) return;
    const query = accessQuery(this.filters(), 0);
    if (query) this.query.set(query);
  }

  /**
   * Later pages are read as the log stood at the first page: reading it is itself an access, logged at the top, so without
   * this each page would push a row past its boundary and the inspector would never see that row.
   */
  protected turnPage(event: TablePageEvent): void {
    const newest = this.query()?.untilSeq ?? this.items()[0]?.seq;
    this.query.update((q) => (q ? { ...q, offset: event.first, untilSeq: event.first === 0 ? undefined : newest } : q));
  }

  protected reload(): void {
    this.results.reload();
  }
}
