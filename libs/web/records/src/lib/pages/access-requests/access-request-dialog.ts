import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, model, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import {
  type AccessRequest,
  type AccessRequesterRelationship,
  type AccessRequestScope,
  ACCESS_REQUEST_SCOPES,
  type CreateAccessRequest,
  type EncounterDetail,
  type PatientSummary,
  SCOPES_BY_RELATIONSHIP,
} from '@benhan/shared/contracts';
import { AccessRequestsApi, EncountersApi, problemOf } from '@benhan/web/data-access';
import { BH_DATE_FORMAT, LanguageService } from '@benhan/web/ui';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { DatePicker } from 'primeng/datepicker';
import { Dialog } from 'primeng/dialog';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { RadioButton } from 'primeng/radiobutton';
import { Select } from 'primeng/select';
import { Textarea } from 'primeng/textarea';
import { finalize, of } from 'rxjs';
import { failureMessage, type Translatable } from '../../failure-message';
import { ACCESS_SCOPE_LABELS, ENCOUNTER_TYPE_LABELS, labelOf, optionsOf, RELATIONSHIP_LABELS } from '../../labels';
import { RequestPatientPicker } from './request-patient-picker';

/** The API's form of an identity document number: a CCCD (12 digits), a CMND (9) or a passport number. */
export const ID_NUMBER_PATTERN = /^[A-Z0-9]{6,20}$/;

/** The number as typed, as the API takes it: upper case, without spaces, dots or dashes. */
export function normaliseIdNumber(value: string): string {
  return value.toUpperCase().replace(/[\s.-]/g, '');
}

/** The scopes a requester may ask for (Law 15/2023 Art 69(4): a family representative gets the summary only). */
export function allowedScopes(relationship: AccessRequesterRelationship): readonly AccessRequestScope[] {
  return SCOPES_BY_RELATIONSHIP[relationship];
}

/** Which of the form's fields are missing or wrong, once submitted. */
interface FormProblems {
  patient: boolean;
  requesterName: boolean;
  requesterIdNumber: boolean;
  requesterIdNumberFormat: boolean;
  receivedAt: boolean;
}

/**
 * Records a written request to access a record (R12): the patient, who asks (name, relationship to the patient,
 * CCCD or passport number as on the request), what they ask for (the summary, reading the record, a copy: only what
 * the relationship allows, so a family representative who is not the legal representative gets the summary only),
 * the stay it concerns (the latest finished one by default), when the written request arrived, and a note. The
 * server checks the scope again (a 400 naming `scope`).
 */
@Component({
  selector: 'bh-access-request-dialog',
  imports: [
    DatePipe,
    FormsModule,
    TranslatePipe,
    Dialog,
    InputText,
    Textarea,
    Select,
    RadioButton,
    DatePicker,
    Message,
    ButtonDirective,
    ButtonLabel,
    RequestPatientPicker,
  ],
  templateUrl: './access-request-dialog.html',
  styleUrls: ['../../components/dialog-form.scss', './access-request-dialog.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccessRequestDialog {
  private readonly api = inject(AccessRequestsApi);
  private readonly encounters = inject(EncountersApi);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService).language;

  readonly visible = model(false);
  /** The patient to start with, e.g. the one the list is filtered by. */
  readonly initialPatient = input<PatientSummary | null>(null);
  readonly recorded = output<AccessRequest>();

  protected readonly date = BH_DATE_FORMAT;
  protected readonly today = startOfToday();
  protected readonly labelOf = labelOf;
  protected readonly typeLabels = ENCOUNTER_TYPE_LABELS;
  /** Labelled in the UI language here rather than by the pipe: the options' screen-reader names use these labels. */
  protected readonly relationshipOptions = computed(() => {
    this.language();
    return optionsOf(RELATIONSHIP_LABELS).map(({ value, labelKey }) => ({ value, label: this.translate.instant(labelKey) as string }));
  });

  protected readonly patient = signal<PatientSummary | null>(null);
  protected readonly requesterName = signal('');
  protected readonly relationship = signal<AccessRequesterRelationship>('self');
  protected readonly requesterIdNumber = signal('');
  protected readonly scope = signal<AccessRequestScope>('summary');
  protected readonly encounterId = signal<string | null>(null);
  protected readonly receivedAt = signal<Date | null>(startOfToday());
  protected readonly note = signal('');

  /** Every scope, the ones the relationship does not allow disabled. */
  protected readonly scopeOptions = computed(() => {
    const allowed = allowedScopes(this.relationship());
    return ACCESS_REQUEST_SCOPES.map((value) => ({ value, labelKey: ACCESS_SCOPE_LABELS[value], disabled: !allowed.includes(value) }));
  });
  protected readonly summaryOnly = computed(() => allowedScopes(this.relationship()).length === 1);

  /** The chosen patient's stays, newest first, for the stay the request concerns. */
  private readonly staysResource = rxResource({
    params: () => this.patient()?.id,
    stream: ({ params }) => (params ? this.encounters.forPatient(params) : of([])),
  });
  protected readonly stays = computed<EncounterDetail[]>(() =>
    this.staysResource.hasValue() ? [...this.staysResource.value()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)) : [],
  );

  protected readonly tried = signal(false);
  protected readonly problems = computed<FormProblems>(() => {
    const tried = this.tried();
    return {
      patient: tried && !this.patient(),
      requesterName: tried && this.requesterName().trim().length < 2,
      requesterIdNumber: tried && !this.requesterIdNumber().trim(),
      requesterIdNumberFormat: tried && !!this.requesterIdNumber().trim() && !ID_NUMBER_PATTERN.test(normaliseIdNumber(this.requesterIdNumber())),
      receivedAt: tried && !this.receivedAt(),
    };
  });
  protected readonly saving = signal(false);
  protected readonly problem = signal<Translatable | null>(null);
  /** The server's word on the scope (400 with a field error on `scope`). */
  protected readonly scopeProblem = signal<string | null>(null);

  constructor() {
    effect(() => {
      if (!this.visible()) return;
      this.patient.set(this.initialPatient());
      this.requesterName.set('');
      this.relationship.set('self');
      this.requesterIdNumber.set('');
      this.scope.set('summary');
      this.receivedAt.set(startOfToday());
      this.note.set('');
      this.tried.set(false);
      this.problem.set(null);
      this.scopeProblem.set(null);
    });
    // The latest finished stay by default: a summary is of a stay that has ended.
    effect(() => {
      const finished = this.stays().find((s) => s.endedAt !== null);
      this.encounterId.set(finished?.id ?? null);
    });
  }

  protected choosePatient(patient: PatientSummary | null): void {
    this.patient.set(patient);
    this.encounterId.set(null);
  }

  /** A relationship that does not allow the chosen scope brings it back to the summary. */
  protected chooseRelationship(relationship: AccessRequesterRelationship): void {
    this.relationship.set(relationship);
    if (!allowedScopes(relationship).includes(this.scope())) this.scope.set('summary');
    this.scopeProblem.set(null);
  }

  protected chooseScope(scope: AccessRequestScope): void {
    if (allowedScopes(this.relationship()).includes(scope)) this.scope.set(scope);
  }

  protected stayLabel(stay: EncounterDetail): string {
    return [stay.recordNumber, stay.departmentName].filter(Boolean).join(' · ');
  }

  protected submit(): void {
    if (this.saving()) return;
    this.tried.set(true);
    const patient = this.patient();
    const problems = this.problems();
    if (!patient || Object.values(problems).some(Boolean)) return;
    const scope = this.scope();
    if (!allowedScopes(this.relationship()).includes(scope)) return;

    const body: CreateAccessRequest = {
      patientId: patient.id,
      encounterId: this.encounterId(),
      requesterName: this.requesterName().trim(),
      relationship: this.relationship(),
      requesterIdNumber: normaliseIdNumber(this.requesterIdNumber()),
      scope,
      note: this.note().trim() || null,
    };
    const received = receivedInstant(this.receivedAt() ?? startOfToday());
    if (received) body.receivedAt = received;
    this.saving.set(true);
    this.problem.set(null);
    this.scopeProblem.set(null);
    this.api
      .create(body)
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (request) => {
          this.visible.set(false);
          this.recorded.emit(request);
        },
        error: (error: unknown) => {
          const scopeError = problemOf(error)?.errors?.find((e) => e.field === 'scope');
          if (scopeError) this.scopeProblem.set(scopeError.message);
          else this.problem.set(failureMessage(error));
        },
      });
  }
}

function startOfToday(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** An earlier day's request arrived at the start of that day (local time); today's is left to the server's now. */
function receivedInstant(day: Date): string | null {
  const now = new Date();
  const isToday = day.getFullYear() === now.getFullYear() && day.getMonth() === now.getMonth() && day.getDate() === now.getDate();
  return isToday ? null : new Date(day.getFullYear(), day.getMonth(), day.getDate()).toISOString();
}
