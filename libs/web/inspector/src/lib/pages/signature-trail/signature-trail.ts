import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { Page, PatientSummary, SignatureTrailEntry, SignatureTrailQuery } from '@benhan/shared/contracts';
import { AuditApi, PatientsApi } from '@benhan/web/data-access';
import { badgeStateOf, BH_DATE_TIME_FORMAT, PrintPreview, saveBlob, SignatureBadge } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { DatePicker } from 'primeng/datepicker';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { TableModule, type TablePageEvent } from 'primeng/table';
import { finalize, type Observable } from 'rxjs';
import { ExportDialog, type ExportPrompt, type ExportSubmit } from '../../components/export-dialog/export-dialog';
import { PatientPicker } from '../../components/patient-picker/patient-picker';
import { instantRange, rangeInvalid, today } from '../../dates';
import { failureMessage, type Translatable } from '../../failure-message';
import { labelOf, ROLE_LABELS, shortId } from '../../labels';

export const TRAIL_PAGE_SIZE = 20;

type TrailSort = NonNullable<SignatureTrailQuery['sort']>;
type ExportKind = 'csv' | 'report';

const PROMPTS: Record<ExportKind, ExportPrompt> = {
  csv: { headerKey: _('inspector.trail.csvTitle'), hintKey: _('inspector.trail.csvHint'), submitKey: _('inspector.trail.csvSubmit') },
  report: { headerKey: _('inspector.trail.reportTitle'), hintKey: _('inspector.trail.reportHint'), submitKey: _('inspector.trail.reportSubmit') },
};

/** The filter form as typed; dates are the date pickers' local midnights. */
export interface TrailFilters {
  patient: PatientSummary | null;
  signer: string | null;
  from: Date | null;
  to: Date | null;
}

/** Filters that arrive with a link (`?encounter=…&document=…`) and have no field of their own. */
export interface TrailScope {
  encounter: string | null;
  document: string | null;
}

/** A signer seen in the results, for the signer filter (the user directory is not the inspector's to read). */
interface SignerOption {
  id: string;
  name: string;
}

const EMPTY: TrailFilters = { patient: null, signer: null, from: null, to: null };

/** The trail query the API takes: only what is filled in, with the sort and the page. */
export function trailQuery(filters: TrailFilters, scope: TrailScope, sort: TrailSort, offset: number, patientId?: string | null): SignatureTrailQuery {
  const query: SignatureTrailQuery = { sort, limit: TRAIL_PAGE_SIZE, offset };
  const patient = filters.patient?.id ?? patientId;
  if (patient) query.patient = patient;
  if (scope.encounter) query.encounter = scope.encounter;
  if (scope.document) query.document = scope.document;
  if (filters.signer) query.signer = filters.signer;
  return { ...query, ...instantRange(filters.from, filters.to) };
}

/**
 * The signature trail (`/inspector`): every signature over every version in scope, with its validation now: the
 * document (title, form code), the version and why it amends the one before, the signer and the role they signed in,
 * when they signed and when the time-stamp authority confirmed it, and the result (valid, invalid, undecided, with
 * the reason). Filters: a patient, a signer, the signing days, and the encounter or document a link names
 * (`?patient=&encounter=&document=`). Exports, each with a reason: the trail as CSV, and the facility-sealed PDF
 * report, shown in the print preview.
 */
@Component({
  selector: 'bh-signature-trail',
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    TranslatePipe,
    TableModule,
    DatePicker,
    Select,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    SignatureBadge,
    PatientPicker,
    ExportDialog,
    PrintPreview,
  ],
  templateUrl: './signature-trail.html',
  styleUrl: './signature-trail.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignatureTrail {
  private readonly api = inject(AuditApi);
  private readonly patients = inject(PatientsApi);

  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly pageSize = TRAIL_PAGE_SIZE;
  protected readonly labelOf = labelOf;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly badgeStateOf = badgeStateOf;
  protected readonly shortId = shortId;
  protected readonly introKey = _('workspacePage.inspector.description');

  private readonly params = inject(ActivatedRoute).snapshot.queryParamMap;
  protected readonly scope = signal<TrailScope>({ encounter: this.params.get('encounter'), document: this.params.get('document') });
  protected readonly filters = signal<TrailFilters>({ ...EMPTY });
  protected readonly submitted = signal(false);
  protected readonly badRange = computed(() => this.submitted() && rangeInvalid(this.filters().from, this.filters().to));

  /** The trail asked for: filters as the API takes them, the sort and the page. */
  protected readonly query = signal<SignatureTrailQuery>(trailQuery(EMPTY, this.scope(), '-signedAt', 0, this.params.get('patient')));
  private readonly results = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.signatureTrail(params) });
  private readonly page = computed<Page<SignatureTrailEntry> | null>(() => (this.results.hasValue() ? this.results.value() : null));
  protected readonly items = computed(() => this.page()?.items ?? []);
  protected readonly total = computed(() => this.page()?.total ?? 0);
  protected readonly offset = computed(() => this.query().offset ?? 0);
  protected readonly paged = computed(() => this.total() > TRAIL_PAGE_SIZE);
  protected readonly sort = computed<TrailSort>(() => this.query().sort ?? '-signedAt');
  protected readonly sortKey = computed(() => (this.sort() === 'signedAt' ? _('inspector.trail.sortedOldest') : _('inspector.trail.sortedNewest')));
  protected readonly loading = this.results.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.results.error();
    return error ? failureMessage(error) : null;
  });

  /** Every signer seen so far, by name: choosing one keeps the others on the list. */
  protected readonly signers = linkedSignal<SignatureTrailEntry[], SignerOption[]>({
    source: this.items,
    computation: (items, previous) => {
      const byId = new Map((previous?.value ?? []).map((s) => [s.id, s]));
      for (const row of items) byId.set(row.signerId, { id: row.signerId, name: row.signerName });
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },
  });

  protected readonly exportKind = signal<ExportKind>('csv');
  protected readonly exportPrompt = computed(() => PROMPTS[this.exportKind()]);
  protected readonly exportOpen = signal(false);
  protected readonly exporting = signal(false);
  protected readonly exportProblem = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);
  protected readonly previewOpen = signal(false);
  protected readonly previewLoad = signal<(() => Observable<Blob>) | null>(null);
  protected readonly reportFileName = signal('');

  /** The patient of the filters applied, for the link to who accessed their record. */
  protected readonly patientId = computed(() => this.query().patient ?? null);
  /** Who and what the applied filters name, shown in the export dialog. */
  protected readonly scopeSummary = computed(() => {
    const { patient, signer } = this.query();
    const chosen = this.filters().patient;
    const names = [
      patient && chosen?.id === patient ? `${chosen.fullName} (${chosen.patientCode})` : null,
      signer ? (this.signers().find((s) => s.id === signer)?.name ?? null) : null,
    ];
    return names.filter(Boolean).join(' · ') || null;
  });

  constructor() {
    const patientId = this.params.get('patient');
    if (patientId) {
      this.patients.get(patientId).subscribe({
        next: (patient) => this.filters.update((f) => (f.patient ? f : { ...f, patient })),
        error: () => undefined,
      });
    }
  }

  protected set<K extends keyof TrailFilters>(name: K, value: TrailFilters[K]): void {
    this.filters.update((f) => ({ ...f, [name]: value }));
  }

  protected search(): void {
    this.submitted.set(true);
    if (this.badRange()) return;
    this.query.set(trailQuery(this.filters(), this.scope(), this.sort(), 0));
  }

  protected reset(): void {
    this.submitted.set(false);
    this.filters.set({ ...EMPTY });
    this.scope.set({ encounter: null, document: null });
    this.query.set(trailQuery(EMPTY, this.scope(), this.sort(), 0));
  }

  /** Drops the encounter or document the link named, and searches again. */
  protected removeScope(name: keyof TrailScope): void {
    this.scope.update((s) => ({ ...s, [name]: null }));
    this.query.update((q) => ({ ...q, [name]: undefined, offset: 0 }));
  }

  protected toggleSort(): void {
    this.query.update((q) => ({ ...q, sort: q.sort === 'signedAt' ? '-signedAt' : 'signedAt', offset: 0 }));
  }

  protected turnPage(event: TablePageEvent): void {
    this.query.update((q) => ({ ...q, offset: event.first }));
  }

  protected reload(): void {
    this.results.reload();
  }

  protected openExport(kind: ExportKind): void {
    this.notice.set(null);
    this.exportProblem.set(null);
    this.exportKind.set(kind);
    this.exportOpen.set(true);
  }

  protected export({ reason }: ExportSubmit): void {
    const { patient, encounter, document, signer, from, to, sort } = this.query();
    if (this.exportKind() === 'report') {
      this.exportOpen.set(false);
      this.reportFileName.set(`benhan-audit-report-${today()}.pdf`);
      this.previewLoad.set(() => this.api.report({ patient, encounter, document, signer, from, to, reason }));
      this.previewOpen.set(true);
      return;
    }
    this.exporting.set(true);
    this.exportProblem.set(null);
    this.api
      .signatureTrailCsv({ patient, encounter, document, signer, from, to, sort }, reason)
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: (blob) => {
          saveBlob(blob, `benhan-signature-trail-${today()}.csv`);
          this.exportOpen.set(false);
          this.notice.set({ key: _('inspector.trail.csvDone') });
        },
        error: (error: unknown) => this.exportProblem.set(failureMessage(error)),
      });
  }
}
