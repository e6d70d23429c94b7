import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  model,
  output,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type {
  CensusEntry,
  DiagnosisRole,
  DischargeOutcome,
  DischargeType,
  EncounterDetail,
  Icd10Code,
  Sex,
} from '@benhan/shared/contracts';
import { EncountersApi, problemCodeOf } from '@benhan/web/data-access';
import { TranslatedOptionsPipe } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { finalize } from 'rxjs';
import { failureMessage, type Translatable } from '../../failure-message';
import { DISCHARGE_OUTCOME_LABELS, DISCHARGE_TYPE_LABELS, optionsOf, SEX_LABELS } from '../../labels';
import { Icd10Input } from '../icd10-input/icd10-input';

/**
 * Ends an inpatient stay: treatment outcome, kind of discharge, and the discharge diagnoses coded in ICD-10
 * (principal required; discharge and secondary optional). The encounter is read when the dialog opens, for
 * its version: a stale one (409) is read again.
 */
@Component({
  selector: 'bh-discharge-dialog',
  imports: [TranslatedOptionsPipe, FormsModule, TranslatePipe, Dialog, Select, Message, ButtonDirective, ButtonLabel, Icd10Input],
  templateUrl: './discharge-dialog.html',
  styleUrl: '../dialog-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DischargeDialog {
  private readonly encounters = inject(EncountersApi);

  readonly entry = input.required<CensusEntry>();
  readonly visible = model(false);
  readonly discharged = output<EncounterDetail>();

  protected readonly outcomeOptions = optionsOf(DISCHARGE_OUTCOME_LABELS);
  protected readonly typeOptions = optionsOf(DISCHARGE_TYPE_LABELS);
  protected readonly patientSex = computed<Sex | null>(() => {
    const sex = this.entry().sex;
    return sex in SEX_LABELS ? (sex as Sex) : null;
  });

  private readonly encounter = rxResource({
    params: () => (this.visible() ? this.entry().encounterId : undefined),
    stream: ({ params }) => this.encounters.get(params),
  });
  protected readonly current = computed(() => (this.encounter.hasValue() ? this.encounter.value() : null));
  protected readonly encounterError = computed(() => {
    const error = this.encounter.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly outcome = signal<DischargeOutcome | null>(null);
  protected readonly type = signal<DischargeType | null>(null);
  protected readonly principal = signal<Icd10Code | null>(null);
  protected readonly dischargeDiagnosis = signal<Icd10Code | null>(null);
  protected readonly secondary = signal<Icd10Code | null>(null);
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<Translatable | null>(null);

  constructor() {
    effect(() => {
      if (!this.visible()) return;
      this.entry();
      untracked(() => this.reset());
    });
  }

  protected submit(): void {
    this.submitted.set(true);
    const current = this.current();
    const outcome = this.outcome();
    const type = this.type();
    const principal = this.principal();
    if (!current || !outcome || !type || !principal || this.saving()) return;
    const diagnoses: { role: DiagnosisRole; code: string }[] = [{ role: 'principal', code: principal.code }];
    const discharge = this.dischargeDiagnosis();
    if (discharge) diagnoses.push({ role: 'discharge', code: discharge.code });
    const secondary = this.secondary();
    if (secondary) diagnoses.push({ role: 'secondary', code: secondary.code });

    this.saving.set(true);
    this.error.set(null);
    this.encounters
      .discharge(current.id, { version: current.version, outcome, type, diagnoses })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (encounter) => {
          this.discharged.emit(encounter);
          this.visible.set(false);
        },
        error: (error: unknown) => {
          if (problemCodeOf(error) === 'stale_version') {
            this.error.set({ key: _('doctor.common.staleVersion') });
            this.encounter.reload();
          } else {
            this.error.set(failureMessage(error));
          }
        },
      });
  }

  private reset(): void {
    this.outcome.set(null);
    this.type.set(null);
    this.principal.set(null);
    this.dischargeDiagnosis.set(null);
    this.secondary.set(null);
    this.submitted.set(false);
    this.error.set(null);
  }
}
