import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { FieldError, PossibleDuplicate, Sex, TemporaryIdentityReason } from '@benhan/shared/contracts';
import type { FieldProblem } from '@benhan/shared/validation';
import { PatientsApi, problemCodeOf, problemOf, statusOf, TerminologyApi } from '@benhan/web/data-access';
import { formatLocalIsoDate, TranslatedOptionsPipe } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Checkbox } from 'primeng/checkbox';
import { DatePicker } from 'primeng/datepicker';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { SelectButton } from 'primeng/selectbutton';
import { catchError, finalize, map, merge, of } from 'rxjs';
import { FieldProblems } from '../../components/field-problems/field-problems';
import { FORM_PROBLEM_CODES } from '../../components/field-problems/problem-messages';
import { optionsOf, SEX_LABELS, TEMPORARY_REASON_LABELS } from '../../labels';
import { formPathOf, registrationProblems, type RegistrationFormValue, toRegisterRequest } from './registration-form';

/** A server field error, shown while its field still holds the value the server rejected. */
interface ServerProblem {
  problem: FieldProblem;
  rejectedValue: unknown;
}

function registrationValidator(control: AbstractControl): ValidationErrors | null {
  const problems = registrationProblems(control.getRawValue() as RegistrationFormValue);
  return problems.length ? { problems } : null;
}

/**
 * Registers a patient (`/doctor/patients/new`) with every field of RegisterPatientRequest. The CCCD, BHYT and
 * phone rules run on each change through `@benhan/shared/validation`; the server's 400 field errors land on
 * the same fields; a 409 names the patient who already holds the CCCD, or lists possible duplicates the doctor
 * may confirm past.
 */
@Component({
  selector: 'bh-patient-registration',
  imports: [TranslatedOptionsPipe, 
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldProblems,
    InputText,
    DatePicker,
    Select,
    SelectButton,
    Checkbox,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
  ],
  templateUrl: './patient-registration.html',
  styleUrl: './patient-registration.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatientRegistration {
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly patients = inject(PatientsApi);
  private readonly terminology = inject(TerminologyApi);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly today = new Date();
  protected readonly sexOptions = optionsOf(SEX_LABELS);
  protected readonly temporaryReasonOptions = optionsOf(TEMPORARY_REASON_LABELS);
  protected readonly sexLabels = SEX_LABELS;
  protected readonly formatDate = formatLocalIsoDate;

  protected readonly form = this.fb.group(
    {
      fullName: '',
      yearOnly: false,
      birthDate: this.fb.control<Date | null>(null),
      birthYear: this.fb.control<number | null>(null),
      sex: this.fb.control<Sex | null>(null),
      temporary: false,
      temporaryReason: this.fb.control<TemporaryIdentityReason | null>(null),
      citizenId: '',
      ethnicityCode: this.fb.control<string | null>(null),
      nationality: 'VN',
      occupation: '',
      address: this.fb.group({
        provinceCode: this.fb.control<string | null>(null),
        communeCode: this.fb.control<string | null>(null),
        street: '',
      }),
      phone: '',
      guardian: this.fb.group({ name: '', relationship: '', phone: '' }),
      insuranceCard: this.fb.group({
        number: '',
        validFrom: this.fb.control<Date | null>(null),
        validTo: this.fb.control<Date | null>(null),
        registeredFacilityCode: '',
      }),
    },
    { validators: registrationValidator },
  );

  /**
   * Moves on every value, validity or touched change of any field, so computed state can read the form. Each
   * control's own events are merged: a group reports "touched" only once, when its first field is left.
   */
  private readonly formChanges = toSignal(
    merge(...controlsOf(this.form).map((control) => control.events)).pipe(map((_event, i) => i)),
    { initialValue: -1 },
  );
  protected readonly yearOnly = toSignal(this.form.controls.yearOnly.valueChanges, { initialValue: false });
  protected readonly temporary = toSignal(this.form.controls.temporary.valueChanges, { initialValue: false });
  private readonly provinceCode = toSignal(this.form.controls.address.controls.provinceCode.valueChanges, {
    initialValue: null,
  });

  protected readonly ethnicities = toSignal(this.terminology.ethnicities().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  protected readonly provinces = toSignal(this.terminology.provinces().pipe(catchError(() => of([]))), {
    initialValue: [],
  });
  private readonly communeList = rxResource({
    params: () => this.provinceCode() ?? undefined,
    stream: ({ params }) => this.terminology.communes(params),
  });
  protected readonly communes = computed(() => (this.communeList.hasValue() ? this.communeList.value() : []));
  protected readonly communesLoading = this.communeList.isLoading;

  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  private readonly serverProblems = signal<ServerProblem[]>([]);
  /** Server field errors for fields this form does not show (reported at the top). */
  protected readonly otherServerProblems = signal<FieldProblem[]>([]);
  protected readonly duplicates = signal<PossibleDuplicate[] | null>(null);
  protected readonly citizenIdTakenBy = signal<string | null>(null);
  protected readonly errorKey = signal<string | null>(null);

  /** Problems per field path: the client's once the field was touched (or after a submit), plus the server's. */
  protected readonly problems = computed<Record<string, FieldProblem[]>>(() => {
    this.formChanges();
    const submitted = this.submitted();
    const byField: Record<string, FieldProblem[]> = {};
    const client = (this.form.errors?.['problems'] as FieldProblem[] | undefined) ?? [];
    for (const problem of client) {
      if (submitted || this.form.get(problem.field)?.touched) (byField[problem.field] ??= []).push(problem);
    }
    for (const { problem, rejectedValue } of this.serverProblems()) {
      if (sameValue(this.form.get(problem.field)?.value, rejectedValue)) (byField[problem.field] ??= []).push(problem);
    }
    return byField;
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    const { address } = this.form.controls;
    address.controls.provinceCode.valueChanges
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe(() => address.controls.communeCode.setValue(null));
  }

  protected submit(confirmDuplicate = false): void {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      this.focusFirstProblem();
      return;
    }
    if (this.saving()) return;
    this.saving.set(true);
    this.errorKey.set(null);
    this.citizenIdTakenBy.set(null);
    this.serverProblems.set([]);
    this.otherServerProblems.set([]);
    const value = this.form.getRawValue();
    this.patients
      .register(toRegisterRequest(value, confirmDuplicate))
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (patient) => {
          this.duplicates.set(null);
          void this.router.navigate(['/doctor/patients', patient.id]);
        },
        error: (error: unknown) => this.showFailure(error),
      });
  }

  protected cancelDuplicate(): void {
    this.duplicates.set(null);
  }

  private showFailure(error: unknown): void {
    const problem = problemOf(error);
    const status = statusOf(error);
    const code = problemCodeOf(error);
    this.duplicates.set(null);
    if (status === 409 && code === 'possible_duplicate') {
      this.duplicates.set((problem?.['possibleDuplicates'] as PossibleDuplicate[] | undefined) ?? []);
    } else if (status === 409 && code === 'citizen_id_taken') {
      this.citizenIdTakenBy.set(String(problem?.['existingPatientCode'] ?? ''));
    } else if (status === 400 && problem?.errors?.length) {
      this.showFieldErrors(problem.errors);
    } else {
      this.errorKey.set(status === 0 ? _('doctor.common.networkError') : _('doctor.common.unexpectedError'));
    }
  }

  private showFieldErrors(errors: FieldError[]): void {
    const onFields: ServerProblem[] = [];
    const elsewhere: FieldProblem[] = [];
    for (const error of errors) {
      const field = formPathOf(error.field);
      const problem: FieldProblem = { field, code: FORM_PROBLEM_CODES.server, message: error.message };
      const control = this.form.get(field);
      if (control) onFields.push({ problem, rejectedValue: control.value });
      else elsewhere.push(problem);
    }
    this.serverProblems.set(onFields);
    this.otherServerProblems.set(elsewhere);
    this.focusFirstProblem();
  }

  private focusFirstProblem(): void {
    afterNextRender(
      () => {
        const first = this.host.nativeElement.querySelector<HTMLElement>('[aria-invalid="true"]');
        first?.focus();
      },
      { injector: this.injector },
    );
  }
}

/** A control and all its descendants. */
function controlsOf(control: AbstractControl): AbstractControl[] {
  return control instanceof FormGroup
    ? [control, ...Object.values<AbstractControl>(control.controls).flatMap(controlsOf)]
    : [control];
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}
