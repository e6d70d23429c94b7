import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, input, output, signal, viewChildren } from '@angular/core';
import type { VitalSignDefinition, VitalSignKind, VitalSignObservation } from '@benhan/shared/contracts';
import { CareChartApi, problemOf, statusOf } from '@benhan/web/data-access';
import { BhNumberPipe } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { failureMessage, type Translatable } from '../../failure-message';
import { DateTimeField } from '../date-time-field/date-time-field';
import { flagLabel, KIND_LABELS, problemLabel, unitLabel } from '../../labels';
import { instantOf, toTheMinute } from '../../vital-signs/local-date-time';
import { checkEntry, type EntryProblem, type EntryTexts, hasProblems, serverProblems } from '../../vital-signs/vital-sign-entry';

/**
 * The entry row of one set of vital signs, built for the keyboard: Enter (or Tab) moves to the next value and
 * Enter on the last one saves. Abnormal values are flagged as typed; impossible ones are refused before
 * anything is sent; the server's field errors land under the input they are about.
 */
@Component({
  selector: 'bh-vital-signs-entry',
  imports: [TranslatePipe, BhNumberPipe, DateTimeField, InputText, Message, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './vital-signs-entry.html',
  styleUrl: './vital-signs-entry.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VitalSignsEntry {
  private readonly api = inject(CareChartApi);

  readonly encounterId = input.required<string>();
  /** The kinds of the row, in order, with their units and ranges. */
  readonly definitions = input.required<readonly VitalSignDefinition[]>();
  readonly saved = output<VitalSignObservation[]>();

  protected readonly labels = KIND_LABELS;
  protected readonly unitLabel = unitLabel;
  protected readonly flagLabel = flagLabel;

  protected readonly texts = signal<EntryTexts>({});
  protected readonly takenAt = signal<Date | null>(toTheMinute(new Date()));
  /**
   * Whether the nurse chose the time. Until then the field only shows "now" to the minute, and the set is saved at the
   * moment of saving: the shown minute may lie before an admission made seconds earlier, which the server refuses.
   */
  private readonly takenAtChosen = signal(false);
  private readonly touched = signal<ReadonlySet<VitalSignKind>>(new Set());
  private readonly submitted = signal(false);
  private readonly server = signal<Partial<Record<VitalSignKind, EntryProblem>>>({});
  protected readonly saving = signal(false);
  protected readonly error = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  private readonly fields = viewChildren<ElementRef<HTMLInputElement>>('field');

  protected readonly check = computed(() => checkEntry(this.texts(), this.definitions()));

  /** A problem shows once the nurse left the field (or tried to save), a server one until the value changes. */
  protected readonly problems = computed(() => {
    const check = this.check();
    const shown: Partial<Record<VitalSignKind, { key: string; params: Record<string, string> }>> = {};
    for (const { kind } of this.definitions()) {
      const problem = this.server()[kind] ?? (this.touched().has(kind) || this.submitted() ? check.problems[kind] : undefined);
      if (problem) shown[kind] = problemLabel(problem);
    }
    return shown;
  });

  /** What each field of the row shows: its definition, the problem to show, the flag as typed. */
  protected readonly rowFields = computed(() => {
    const problems = this.problems();
    const flags = this.check().flags;
    return this.definitions().map((definition) => {
      const problem = problems[definition.kind] ?? null;
      const flag = problem ? null : (flags[definition.kind] ?? null);
      return { definition, kind: definition.kind, problem, flag, abnormal: flag === 'low' || flag === 'high' };
    });
  });

  protected setText(kind: VitalSignKind, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.texts.update((texts) => ({ ...texts, [kind]: value }));
    this.server.update((problems) => {
      const rest = { ...problems };
      delete rest[kind];
      return rest;
    });
    this.notice.set(null);
  }

  protected touch(kind: VitalSignKind): void {
    if ((this.texts()[kind] ?? '').trim() === '') return;
    this.touched.update((set) => new Set([...set, kind]));
  }

  protected setTakenAt(value: Date | null): void {
    this.takenAt.set(value);
    this.takenAtChosen.set(true);
  }

  /** Enter in the time moves on to the first value (rather than saving an empty set). */
  protected onTimeEnter(event: Event): void {
    event.preventDefault();
    this.focusValue(0);
  }

  /** Enter moves on like Tab; on the last value it saves. */
  protected onEnter(event: Event, index: number): void {
    event.preventDefault();
    const kind = this.definitions()[index]?.kind;
    if (kind) this.touch(kind);
    if (index + 1 < this.fields().length) this.focusValue(index + 1);
    else this.save();
  }

  private focusValue(index: number): void {
    const field = this.fields()[index]?.nativeElement;
    field?.focus();
    field?.select();
  }

  save(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    this.error.set(null);
    this.notice.set(null);
    const check = this.check();
    const takenAt = this.takenAtChosen() ? instantOf(this.takenAt()) : new Date().toISOString();
    if (hasProblems(check)) {
      this.focusFirstProblem(Object.keys(check.problems) as VitalSignKind[]);
      return;
    }
    if (check.empty) {
      this.error.set({ key: _('nurse.entry.empty') });
      return;
    }
    if (!takenAt) {
      this.error.set({ key: _('nurse.entry.takenAtRequired') });
      return;
    }
    this.saving.set(true);
    this.api.recordVitalSigns(this.encounterId(), { takenAt, values: check.values }).subscribe({
      next: (observations) => {
        this.saving.set(false);
        this.reset();
        this.notice.set({ key: _('nurse.entry.saved'), params: { count: String(observations.length) } });
        this.saved.emit(observations);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const errors = problemOf(error)?.errors ?? [];
        if (statusOf(error) === 400 && errors.length) {
          const { byKind, other } = serverProblems(errors);
          this.server.set(byKind);
          if (other.length) this.error.set({ key: _('nurse.common.rejected'), params: { message: other.join('; ') } });
          this.focusFirstProblem(Object.keys(byKind) as VitalSignKind[]);
        } else {
          this.error.set(failureMessage(error));
        }
      },
    });
  }

  private reset(): void {
    this.texts.set({});
    this.touched.set(new Set());
    this.submitted.set(false);
    this.server.set({});
    this.takenAt.set(toTheMinute(new Date()));
    this.takenAtChosen.set(false);
    for (const field of this.fields()) field.nativeElement.value = '';
    this.fields()[0]?.nativeElement.focus();
  }

  private focusFirstProblem(kinds: VitalSignKind[]): void {
    const index = this.definitions().findIndex((d) => kinds.includes(d.kind));
    if (index >= 0) this.fields()[index]?.nativeElement.focus();
  }
}
