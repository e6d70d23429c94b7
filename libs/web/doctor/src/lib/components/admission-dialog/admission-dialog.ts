import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  model,
  output,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AdmissionSource, EncounterDetail, Icd10Code, PatientSummary } from '@benhan/shared/contracts';
import { EncountersApi, problemCodeOf } from '@benhan/web/data-access';
import { BedPicker, TranslatedOptionsPipe } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { SelectButton } from 'primeng/selectbutton';
import { finalize } from 'rxjs';
import { DoctorStore } from '../../doctor.store';
import { failureMessage, type Translatable } from '../../failure-message';
import { ADMISSION_SOURCE_LABELS, optionsOf } from '../../labels';
import { Icd10Input } from '../icd10-input/icd10-input';

/**
 * Admits a patient to one of the doctor's departments: the department, a free bed from its wards (the bed map
 * of `/api/wards`, occupied beds disabled), where the patient comes from, and the admission diagnosis.
 * A bed taken by someone else meanwhile (409 `bed_occupied`) reloads the map and asks for another bed.
 */
@Component({
  selector: 'bh-admission-dialog',
  imports: [TranslatedOptionsPipe, FormsModule, TranslatePipe, Dialog, Select, SelectButton, Message, ButtonDirective, ButtonLabel, BedPicker, Icd10Input],
  templateUrl: './admission-dialog.html',
  styleUrl: '../dialog-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdmissionDialog {
  private readonly store = inject(DoctorStore);
  private readonly encounters = inject(EncountersApi);

  readonly patient = input.required<PatientSummary>();
  readonly visible = model(false);
  readonly admitted = output<EncounterDetail>();

  protected readonly departments = this.store.departments;
  protected readonly sourceOptions = optionsOf(ADMISSION_SOURCE_LABELS);

  protected readonly departmentId = linkedSignal(() => this.store.departments()[0]?.id ?? null);
  /** A bed belongs to one department: choosing another department clears it. */
  protected readonly bedId = linkedSignal<string | null, string | null>({
    source: this.departmentId,
    computation: () => null,
  });
  protected readonly source = signal<AdmissionSource | null>(null);
  protected readonly diagnosis = signal<Icd10Code | null>(null);
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<Translatable | null>(null);

  private readonly wards = rxResource({
    params: () => (this.visible() ? true : undefined),
    stream: () => this.encounters.wards(),
  });
  protected readonly wardsLoading = this.wards.isLoading;
  protected readonly wardsFailed = computed(() => this.wards.error() !== undefined);
  protected readonly departmentWards = computed(() => {
    const departmentId = this.departmentId();
    return this.wards.hasValue() ? this.wards.value().filter((w) => w.departmentId === departmentId) : [];
  });

  constructor() {
    effect(() => {
      if (this.visible()) untracked(() => this.reset());
    });
  }

  protected submit(): void {
    this.submitted.set(true);
    const departmentId = this.departmentId();
    const source = this.source();
    if (!departmentId || !source || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    this.encounters
      .admit({
        patientId: this.patient().id,
        departmentId,
        bedId: this.bedId(),
        source,
        admissionDiagnosis: this.diagnosis()?.code ?? null,
      })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (encounter) => {
          this.admitted.emit(encounter);
          this.visible.set(false);
        },
        error: (error: unknown) => {
          if (problemCodeOf(error) === 'bed_occupied') {
            this.error.set({ key: _('doctor.admission.bedTaken') });
            this.bedId.set(null);
            this.wards.reload();
          } else {
            this.error.set(failureMessage(error));
          }
        },
      });
  }

  protected reloadWards(): void {
    this.wards.reload();
  }

  private reset(): void {
    this.departmentId.set(this.store.departments()[0]?.id ?? null);
    this.bedId.set(null);
    this.source.set(null);
    this.diagnosis.set(null);
    this.submitted.set(false);
    this.error.set(null);
  }
}
