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
import type { CensusEntry, EncounterDetail } from '@benhan/shared/contracts';
import { DepartmentsApi, EncountersApi, problemCodeOf } from '@benhan/web/data-access';
import { BedPicker } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { finalize, map } from 'rxjs';
import { failureMessage, type Translatable } from '../../failure-message';

/**
 * Moves an inpatient to another department or bed. `/api/wards` only maps the doctor's own departments, so a
 * bed can be chosen there; a transfer to another department leaves the bed to the receiving department.
 * The encounter is read when the dialog opens, for its version: a stale one (409) is read again.
 */
@Component({
  selector: 'bh-transfer-dialog',
  imports: [FormsModule, TranslatePipe, Dialog, Select, InputText, Message, ButtonDirective, ButtonLabel, BedPicker],
  templateUrl: './transfer-dialog.html',
  styleUrl: '../dialog-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TransferDialog {
  private readonly encounters = inject(EncountersApi);
  private readonly departmentsApi = inject(DepartmentsApi);

  readonly entry = input.required<CensusEntry>();
  readonly visible = model(false);
  readonly transferred = output<EncounterDetail>();

  private readonly encounter = rxResource({
    params: () => (this.visible() ? this.entry().encounterId : undefined),
    stream: ({ params }) => this.encounters.get(params),
  });
  protected readonly current = computed(() => (this.encounter.hasValue() ? this.encounter.value() : null));
  protected readonly encounterError = computed(() => {
    const error = this.encounter.error();
    return error ? failureMessage(error) : null;
  });

  private readonly departmentList = rxResource({
    params: () => (this.visible() ? true : undefined),
    stream: () => this.departmentsApi.list().pipe(map((all) => all.filter((d) => d.active && d.kind === 'clinical'))),
  });
  protected readonly departments = computed(() => (this.departmentList.hasValue() ? this.departmentList.value() : []));

  private readonly wards = rxResource({
    params: () => (this.visible() ? true : undefined),
    stream: () => this.encounters.wards(),
  });

  protected readonly departmentId = signal<string | null>(null);
  protected readonly bedId = linkedSignal<string | null, string | null>({
    source: this.departmentId,
    computation: () => null,
  });
  protected readonly reason = signal('');
  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<Translatable | null>(null);

  /** Wards of the chosen department, when it is one of the doctor's (else the receiving department places the patient). */
  protected readonly departmentWards = computed(() => {
    const departmentId = this.departmentId();
    return this.wards.hasValue() ? this.wards.value().filter((w) => w.departmentId === departmentId) : [];
  });
  protected readonly bedsKnown = computed(() => this.departmentWards().length > 0);
  protected readonly nothingChanges = computed(() => {
    const current = this.current();
    return (
      current !== null &&
      this.departmentId() === current.departmentId &&
      (this.bedId() === null || this.bedId() === current.bedId)
    );
  });

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
    const departmentId = this.departmentId();
    if (!current || !departmentId || this.nothingChanges() || this.saving()) return;
    this.saving.set(true);
    this.error.set(null);
    this.encounters
      .transfer(current.id, {
        version: current.version,
        departmentId,
        bedId: this.bedId(),
        reason: this.reason().trim() || null,
      })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (encounter) => {
          this.transferred.emit(encounter);
          this.visible.set(false);
        },
        error: (error: unknown) => {
          const code = problemCodeOf(error);
          if (code === 'stale_version') {
            this.error.set({ key: _('doctor.common.staleVersion') });
            this.encounter.reload();
          } else if (code === 'bed_occupied') {
            this.error.set({ key: _('doctor.admission.bedTaken') });
            this.bedId.set(null);
            this.wards.reload();
          } else {
            this.error.set(failureMessage(error));
          }
        },
      });
  }

  private reset(): void {
    this.departmentId.set(null);
    this.bedId.set(null);
    this.reason.set('');
    this.submitted.set(false);
    this.error.set(null);
  }
}
