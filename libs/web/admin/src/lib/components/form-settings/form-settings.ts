import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { EncounterType, FieldError, FormDefinition, SignerRole } from '@benhan/shared/contracts';
import { DocumentsApi, problemOf, statusOf } from '@benhan/web/data-access';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Checkbox } from 'primeng/checkbox';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { ToggleSwitch } from 'primeng/toggleswitch';
import type { Observable } from 'rxjs';
import { failureMessage, type Translatable } from '../../failure-message';
import { ENCOUNTER_TYPE_LABELS, optionsOf, SIGNER_ROLE_LABELS, signerProblemLabel } from '../../labels';
import {
  addRow,
  moveRow,
  placeServerErrors,
  removeRow,
  type RequirementChoice,
  requirementChoiceOf,
  rowsOf,
  type SignerProblem,
  signerProblems,
  settingsRequestOf,
  type SignerRow,
  updateRow,
} from '../../forms/signer-matrix';

/**
 * This facility's settings of one form (R20): the signer matrix as an ordered table of steps (role, label on the
 * paper; add, remove, move; the numbers follow the order), the completeness rule per encounter type, and whether
 * the form is offered at all. Checks the server's rules before sending; the server's field errors land on their row.
 */
@Component({
  selector: 'bh-form-settings',
  imports: [FormsModule, TranslatePipe, Select, InputText, Checkbox, ToggleSwitch, Message, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './form-settings.html',
  styleUrl: './form-settings.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormSettings {
  private readonly api = inject(DocumentsApi);
  private readonly translate = inject(TranslateService);

  readonly form = input.required<FormDefinition>();
  readonly saved = output<FormDefinition>();

  /** Role options with their text (not just a key), so the select's options are named for screen readers too. */
  private readonly roleTexts = toSignal(this.translate.stream(Object.values(SIGNER_ROLE_LABELS)) as Observable<Record<string, string>>, { initialValue: {} as Record<string, string> });
  protected readonly roleOptions = computed(() =>
    optionsOf(SIGNER_ROLE_LABELS).map((o) => ({ value: o.value, label: this.roleTexts()[o.labelKey] ?? o.labelKey })),
  );
  protected readonly encounterTypeLabels = ENCOUNTER_TYPE_LABELS;

  protected readonly rows = linkedSignal<SignerRow[]>(() => rowsOf(this.form().signers));
  protected readonly requirement = linkedSignal<RequirementChoice>(() => requirementChoiceOf(this.form().requiredFor));
  protected readonly active = linkedSignal(() => this.form().active);

  /** The encounter types the rule can name: the form's own, plus any an older rule still names. */
  protected readonly encounterTypes = computed<EncounterType[]>(() => {
    const form = this.form();
    const types = new Set<EncounterType>([...form.encounterTypes, ...form.requiredFor.map((r) => r.encounterType)]);
    return (['inpatient', 'outpatient'] as const).filter((t) => types.has(t));
  });

  /** Client checks show once a save was tried; the server's until the next edit. */
  private readonly submitted = signal(false);
  private readonly serverProblems = signal<SignerProblem[]>([]);
  protected readonly otherErrors = signal<FieldError[]>([]);
  protected readonly problems = computed<SignerProblem[]>(() => [
    ...(this.submitted() ? signerProblems(this.rows()) : []),
    ...this.serverProblems(),
  ]);
  protected readonly matrixProblems = computed(() => this.problems().filter((p) => p.row === null));

  protected readonly saving = signal(false);
  protected readonly failure = signal<Translatable | null>(null);
  protected readonly notice = signal(false);

  protected rowProblems(index: number): SignerProblem[] {
    return this.problems().filter((p) => p.row === index);
  }

  protected invalid(index: number, field: 'role' | 'label'): boolean {
    return this.problems().some((p) => p.row === index && p.field === field);
  }

  protected problemLabel = signerProblemLabel;

  protected add(): void {
    this.edit(addRow(this.rows()));
  }

  protected remove(index: number): void {
    this.edit(removeRow(this.rows(), index));
  }

  protected move(index: number, by: -1 | 1): void {
    this.edit(moveRow(this.rows(), index, by));
  }

  protected setRole(index: number, role: SignerRole | null): void {
    this.edit(updateRow(this.rows(), index, { role }));
  }

  protected setLabel(index: number, label: string): void {
    this.edit(updateRow(this.rows(), index, { label }));
  }

  protected setRequired(type: EncounterType, required: boolean): void {
    this.requirement.update((choice) => ({ ...choice, [type]: { ...choice[type], required } }));
    this.touched();
  }

  protected setWhenFinished(type: EncounterType, whenFinished: boolean): void {
    this.requirement.update((choice) => ({ ...choice, [type]: { ...choice[type], whenFinished } }));
    this.touched();
  }

  protected setActive(active: boolean): void {
    this.active.set(active);
    this.touched();
  }

  protected reset(): void {
    const form = this.form();
    this.rows.set(rowsOf(form.signers));
    this.requirement.set(requirementChoiceOf(form.requiredFor));
    this.active.set(form.active);
    this.submitted.set(false);
    this.touched();
  }

  protected save(): void {
    this.submitted.set(true);
    this.serverProblems.set([]);
    this.otherErrors.set([]);
    this.failure.set(null);
    this.notice.set(false);
    if (signerProblems(this.rows()).length) return;
    this.saving.set(true);
    this.api.saveFormSettings(this.form().code, settingsRequestOf(this.rows(), this.requirement(), this.active())).subscribe({
      next: (form) => {
        this.saving.set(false);
        this.submitted.set(false);
        this.notice.set(true);
        this.saved.emit(form);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const errors = statusOf(error) === 400 ? (problemOf(error)?.errors ?? []) : [];
        if (errors.length) {
          const placed = placeServerErrors(errors);
          this.serverProblems.set(placed.signers);
          this.otherErrors.set(placed.others);
          this.failure.set({ key: _('admin.settings.rejected') });
        } else {
          this.failure.set(failureMessage(error));
        }
      },
    });
  }

  private edit(rows: SignerRow[]): void {
    this.rows.set(rows);
    this.touched();
  }

  /** An edit makes the server's row errors (by index) and the last notice stale. */
  private touched(): void {
    this.serverProblems.set([]);
    this.notice.set(false);
  }
}
