import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { DiagnosisCodeRole, Icd10Code, Sex } from '@benhan/shared/contracts';
import { TerminologyApi } from '@benhan/web/data-access';
import { _, TranslatePipe } from '@ngx-translate/core';
import { AutoComplete, type AutoCompleteCompleteEvent } from 'primeng/autocomplete';
import { catchError, map, of, Subject, switchMap } from 'rxjs';

export const ICD10_SUGGESTION_LIMIT = 20;
const MAIN_ROLES: readonly DiagnosisCodeRole[] = ['admission', 'principal', 'discharge'];

/** A suggestion: the code, the text shown for it, and why it cannot be chosen here (a translation key), if so. */
export interface Icd10Option {
  code: Icd10Code;
  label: string;
  blockedKey: string | null;
}

/**
 * ICD-10 autocomplete: type a code (`J18`) or words of the title and pick from the current catalogue. Codes
 * the R15 rules forbid for this use are listed but cannot be picked: cause-of-death-only or "not a main
 * diagnosis" codes for the admission, principal and discharge diagnoses, and sex-specific codes for a patient
 * of the other sex. The server checks the same rules again.
 */
@Component({
  selector: 'bh-icd10-input',
  imports: [FormsModule, AutoComplete, TranslatePipe],
  templateUrl: './icd10-input.html',
  styleUrl: './icd10-input.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Icd10Input {
  private readonly terminology = inject(TerminologyApi);

  /** The chosen code; null while nothing valid is chosen. */
  readonly value = model<Icd10Code | null>(null);
  readonly inputId = input.required<string>();
  /** What the code is used for, which decides the rules that apply. */
  readonly diagnosisRole = input<DiagnosisCodeRole>('principal');
  readonly patientSex = input<Sex | null>(null);
  readonly invalid = input(false);
  readonly testId = input<string | null>(null);

  protected readonly suggestions = signal<Icd10Option[]>([]);
  protected readonly failed = signal(false);
  protected readonly emptyKey = computed(() => (this.failed() ? _('doctor.icd10.searchFailed') : _('doctor.icd10.noMatch')));
  protected readonly selectedOption = computed(() => {
    const code = this.value();
    return code ? this.toOption(code) : null;
  });
  private readonly queries = new Subject<string>();

  constructor() {
    this.queries
      .pipe(
        switchMap((q) =>
          this.terminology.icd10({ q, limit: ICD10_SUGGESTION_LIMIT }).pipe(
            map((result) => ({ ok: true, items: result.items })),
            catchError(() => of({ ok: false, items: [] as Icd10Code[] })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ ok, items }) => {
        this.failed.set(!ok);
        this.suggestions.set(items.map((code) => this.toOption(code)));
      });
  }

  protected search(event: AutoCompleteCompleteEvent): void {
    const q = event.query.trim();
    if (q) this.queries.next(q);
    else this.suggestions.set([]);
  }

  /** Typing gives a string (nothing chosen yet); picking gives an option. */
  protected onModelChange(next: Icd10Option | string | null): void {
    this.value.set(typeof next === 'object' && next !== null && next.blockedKey === null ? next.code : null);
  }

  private toOption(code: Icd10Code): Icd10Option {
    return { code, label: `${code.code} – ${code.titleVi}`, blockedKey: this.blockedKey(code) };
  }

  private blockedKey(code: Icd10Code): string | null {
    const role = this.diagnosisRole();
    if (role !== 'cause_of_death' && code.causeOfDeathOnly) return _('doctor.icd10.causeOfDeathOnly');
    if (MAIN_ROLES.includes(role) && code.notPrincipal) return _('doctor.icd10.notPrincipal');
    const sex = this.patientSex();
    if (code.sexRestriction && (sex === 'male' || sex === 'female') && code.sexRestriction !== sex) {
      return code.sexRestriction === 'female' ? _('doctor.icd10.femaleOnly') : _('doctor.icd10.maleOnly');
    }
    return null;
  }
}
