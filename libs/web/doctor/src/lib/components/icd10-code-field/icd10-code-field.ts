import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { FormControl, FormGroup } from '@angular/forms';
import type { DiagnosisCodeRole, Icd10Code, Sex } from '@benhan/shared/contracts';
import { TerminologyApi } from '@benhan/web/data-access';
import type { LeafNode } from '@benhan/web/ui';
import { InputText } from 'primeng/inputtext';
import { catchError, map, of, startWith } from 'rxjs';
import { Icd10Input } from '../icd10-input/icd10-input';

/**
 * The ICD-10 fields of a generated form (`x-code-system: icd10`): the workspace's ICD-10 autocomplete, bound
 * to the form control that stores the code. A stored code is looked up again for its title. Picking a code
 * also fills the disease-name field beside it (`mainCode` → `main`, `code` → `name`) when that one is empty,
 * as the paper form writes both.
 */
@Component({
  selector: 'bh-icd10-code-field',
  imports: [Icd10Input, InputText],
  templateUrl: './icd10-code-field.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Icd10CodeField {
  private readonly terminology = inject(TerminologyApi);
  private readonly destroyRef = inject(DestroyRef);

  readonly control = input.required<FormControl<string | null>>();
  readonly node = input.required<LeafNode>();
  readonly inputId = input.required<string>();
  readonly invalid = input(false);
  readonly patientSex = input<Sex | null>(null);

  protected readonly selected = signal<Icd10Code | null>(null);
  protected readonly disabled = signal(false);
  protected readonly role = computed(() => diagnosisRoleOf(this.node()));
  protected readonly text = computed(() => {
    const code = this.selected();
    return code ? `${code.code}${code.titleVi ? ' – ' + code.titleVi : ''}` : '';
  });

  constructor() {
    effect(() => {
      const control = this.control();
      untracked(() => {
        this.disabled.set(control.disabled);
        control.statusChanges
          .pipe(startWith(control.status), takeUntilDestroyed(this.destroyRef))
          .subscribe(() => this.disabled.set(control.disabled));
        const code = control.value;
        if (code && this.selected()?.code !== code) this.lookUp(code);
      });
    });
  }

  protected onPick(code: Icd10Code | null): void {
    this.selected.set(code);
    const control = this.control();
    control.setValue(code?.code ?? null);
    control.markAsDirty();
    control.markAsTouched();
    const name = nameControlOf(control, this.node());
    if (code && name && !name.value) name.setValue(code.titleVi);
  }

  private lookUp(code: string): void {
    this.selected.set(stub(code));
    this.terminology
      .icd10({ q: code, limit: 10 })
      .pipe(
        map((result) => result.items.find((item) => item.code === code) ?? null),
        catchError(() => of(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((found) => {
        if (found && this.control().value === code) this.selected.set(found);
      });
  }
}

/** The use of a code field, which decides the R15 rules the autocomplete applies. */
export function diagnosisRoleOf(node: LeafNode): DiagnosisCodeRole {
  const pointer = node.pointer.toLowerCase();
  if (pointer.includes('death') || pointer.includes('cause')) return 'cause_of_death';
  if (pointer.includes('comorbidit') || pointer.includes('secondary')) return 'secondary';
  if (pointer.includes('discharge')) return 'discharge';
  return 'principal';
}

/** The disease-name field next to a code field: `mainCode` → `main`, `code` → `name`. */
function nameControlOf(control: FormControl<string | null>, node: LeafNode): FormControl<string | null> | null {
  const parent = control.parent as FormGroup | null;
  if (!parent) return null;
  const key = node.key === 'code' ? 'name' : node.key.endsWith('Code') ? node.key.slice(0, -'Code'.length) : null;
  const sibling = key ? parent.controls[key] : undefined;
  return sibling && !(sibling as { controls?: unknown }).controls ? (sibling as FormControl<string | null>) : null;
}

/** A code whose catalogue entry has not arrived (yet): shown as the bare code. */
function stub(code: string): Icd10Code {
  return {
    code,
    titleVi: '',
    titleEn: null,
    chapter: '',
    daggerAsterisk: null,
    sexRestriction: null,
    causeOfDeathOnly: false,
    notPrincipal: false,
    principalNotRecommended: false,
    longerCodeExists: false,
    catalogueVersion: '',
  };
}
