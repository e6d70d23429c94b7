import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { EncounterDetail, PatientDetail } from '@benhan/shared/contracts';
import { EncountersApi, PatientsApi, TerminologyApi } from '@benhan/web/data-access';
import { BirthDatePipe, formatLocalIsoDate } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { catchError, map, of } from 'rxjs';
import { AdmissionDialog } from '../../components/admission-dialog/admission-dialog';
import { failureMessage } from '../../failure-message';
import { ENCOUNTER_STATUS_LABELS, ENCOUNTER_TYPE_LABELS, SEX_LABELS, TEMPORARY_REASON_LABELS } from '../../labels';

/**
 * One patient (`/doctor/patients/:id`): the registration record, their encounters, and the admission of a
 * patient who is not in a bed yet.
 */
@Component({
  selector: 'bh-patient-page',
  imports: [
    RouterLink,
    DatePipe,
    TranslatePipe,
    BirthDatePipe,
    TableModule,
    Tag,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    AdmissionDialog,
  ],
  templateUrl: './patient-page.html',
  styleUrl: './patient-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientPage {
  private readonly patients = inject(PatientsApi);
  private readonly encounterApi = inject(EncountersApi);
  private readonly terminology = inject(TerminologyApi);

  protected readonly sexLabels = SEX_LABELS;
  protected readonly temporaryReasonLabels = TEMPORARY_REASON_LABELS;
  protected readonly formatDate = formatLocalIsoDate;

  private readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('id') ?? '')), {
    initialValue: '',
  });

  private readonly patientResource = rxResource({
    params: () => this.id() || undefined,
    stream: ({ params }) => this.patients.get(params),
  });
  protected readonly patient = computed<PatientDetail | null>(() =>
    this.patientResource.hasValue() ? this.patientResource.value() : null,
  );
  protected readonly patientError = computed(() => {
    const error = this.patientResource.error();
    return error ? failureMessage(error) : null;
  });

  private readonly encounterResource = rxResource({
    params: () => this.id() || undefined,
    stream: ({ params }) => this.encounterApi.forPatient(params),
  });
  protected readonly encounters = computed<EncounterDetail[]>(() =>
    this.encounterResource.hasValue() ? [...this.encounterResource.value()].sort(byStartDescending) : [],
  );
  protected readonly encountersLoading = this.encounterResource.isLoading;
  protected readonly encountersFailed = computed(() => this.encounterResource.error() !== undefined);
  /** The inpatient stay in progress, if any: a patient is admitted once at a time. */
  protected readonly currentStay = computed(
    () => this.encounters().find((e) => e.type === 'inpatient' && e.status === 'in_progress') ?? null,
  );

  private readonly ethnicities = toSignal(this.terminology.ethnicities().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  private readonly provinces = toSignal(this.terminology.provinces().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  private readonly communes = rxResource({
    params: () => this.patient()?.address.provinceCode ?? undefined,
    stream: ({ params }) => this.terminology.communes(params).pipe(catchError(() => of([]))),
  });

  protected readonly ethnicityName = computed(() => {
    const code = this.patient()?.ethnicityCode;
    return code ? (this.ethnicities().find((e) => e.code === code)?.name ?? code) : '';
  });
  /** Street, commune, province, with the lists' names where they have loaded. */
  protected readonly addressLine = computed(() => {
    const address = this.patient()?.address;
    if (!address) return '';
    const commune = address.communeCode
      ? ((this.communes.hasValue() ? this.communes.value() : []).find((c) => c.code === address.communeCode)?.name ??
        address.communeCode)
      : null;
    const province = address.provinceCode
      ? (this.provinces().find((p) => p.code === address.provinceCode)?.name ?? address.provinceCode)
      : null;
    return [address.street, commune, province].filter(Boolean).join(', ');
  });

  protected readonly admitting = signal(false);
  protected readonly justAdmitted = signal<EncounterDetail | null>(null);

  protected onAdmitted(encounter: EncounterDetail): void {
    this.justAdmitted.set(encounter);
    this.encounterResource.reload();
  }

  protected reload(): void {
    this.patientResource.reload();
    this.encounterResource.reload();
  }

  protected typeLabel(encounter: EncounterDetail): string {
    return ENCOUNTER_TYPE_LABELS[encounter.type];
  }

  protected statusLabel(encounter: EncounterDetail): string {
    return ENCOUNTER_STATUS_LABELS[encounter.status];
  }

  protected diagnosesOf(encounter: EncounterDetail): string {
    return encounter.diagnoses.map((d) => `${d.code} ${d.title}`).join('; ');
  }
}

function byStartDescending(a: EncounterDetail, b: EncounterDetail): number {
  return b.startedAt.localeCompare(a.startedAt);
}
