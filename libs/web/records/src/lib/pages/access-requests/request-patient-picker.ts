import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { PatientSummary } from '@benhan/shared/contracts';
import { PatientsApi } from '@benhan/web/data-access';
import { _, TranslatePipe } from '@ngx-translate/core';
import { AutoComplete, type AutoCompleteCompleteEvent } from 'primeng/autocomplete';
import { catchError, map, of, Subject, switchMap } from 'rxjs';

interface PatientOption {
  patient: PatientSummary;
  label: string;
}

/**
 * Picks the patient a written request is about: type a name (with or without diacritics), a patient code or a CCCD
 * and choose from the registry's matches. `value` is the chosen patient, or null while nothing is chosen.
 */
@Component({
  selector: 'bh-request-patient-picker',
  imports: [FormsModule, AutoComplete, TranslatePipe],
  templateUrl: './request-patient-picker.html',
  styleUrl: './request-patient-picker.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestPatientPicker {
  private readonly patients = inject(PatientsApi);

  readonly value = model<PatientSummary | null>(null);
  readonly inputId = input.required<string>();
  readonly testId = input<string | null>(null);
  readonly invalid = input(false);

  protected readonly suggestions = signal<PatientOption[]>([]);
  protected readonly failed = signal(false);
  protected readonly emptyKey = computed(() => (this.failed() ? _('records.accessRequests.patientSearchFailed') : _('records.accessRequests.patientNoMatch')));
  protected readonly selectedOption = computed(() => {
    const patient = this.value();
    return patient ? toOption(patient) : null;
  });
  private readonly queries = new Subject<string>();

  constructor() {
    this.queries
      .pipe(
        switchMap((q) =>
          this.patients.search({ q, limit: 10 }).pipe(
            map((page) => ({ ok: true, items: page.items })),
            catchError(() => of({ ok: false, items: [] as PatientSummary[] })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ ok, items }) => {
        this.failed.set(!ok);
        this.suggestions.set(items.map(toOption));
      });
  }

  protected search(event: AutoCompleteCompleteEvent): void {
    const q = event.query.trim();
    if (q) this.queries.next(q);
    else this.suggestions.set([]);
  }

  /** Typing gives a string (nothing chosen yet); picking gives an option; clearing gives null. */
  protected onModelChange(next: PatientOption | string | null): void {
    const patient = typeof next === 'object' && next !== null ? next.patient : null;
    if (patient?.id !== this.value()?.id) this.value.set(patient);
  }
}

function toOption(patient: PatientSummary): PatientOption {
  return { patient, label: `${patient.fullName} · ${patient.patientCode}` };
}
