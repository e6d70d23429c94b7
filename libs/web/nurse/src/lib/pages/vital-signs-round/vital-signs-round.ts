import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChildren } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { CensusEntry, RecordVitalSignsRoundRequest, VitalSignKind } from '@benhan/shared/contracts';
import { CareChartApi, EncountersApi, problemOf, statusOf } from '@benhan/web/data-access';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { DateTimeField } from '../../components/date-time-field/date-time-field';
import { failureMessage, type Translatable } from '../../failure-message';
import { KIND_SHORT_LABELS, problemLabel, unitLabel } from '../../labels';
import { NurseStore } from '../../nurse.store';
import { instantOf, toTheMinute } from '../../vital-signs/local-date-time';
import { checkEntry, type EntryCheck, type EntryProblem, type EntryTexts, fieldErrorTarget, hasProblems } from '../../vital-signs/vital-sign-entry';
import { bedOf, byBed } from '../../ward';

type CellProblems = Partial<Record<VitalSignKind, EntryProblem>>;

/**
 * "Đo dấu hiệu sinh tồn theo buồng" (`/nurse/round`): one grid with a row per inpatient of the ward, typed
 * with the keyboard (Enter moves along the row, then to the next patient) and saved together, all or
 * nothing. When the server refuses a row, that row is marked and nothing is saved.
 */
@Component({
  selector: 'bh-vital-signs-round',
  imports: [RouterLink, TranslatePipe, DateTimeField, InputText, Message, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './vital-signs-round.html',
  styleUrl: './vital-signs-round.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VitalSignsRound {
  private readonly store = inject(NurseStore);
  private readonly encounters = inject(EncountersApi);
  private readonly api = inject(CareChartApi);

  protected readonly definitions = this.store.entryDefinitions;
  protected readonly labels = KIND_SHORT_LABELS;
  protected readonly unitLabel = unitLabel;
  protected readonly bedOf = bedOf;

  private readonly census = rxResource({
    params: () => this.store.departmentId() ?? undefined,
    stream: ({ params }) => this.encounters.census(params),
  });
  protected readonly patients = computed<CensusEntry[]>(() => (this.census.hasValue() ? [...this.census.value()].sort(byBed) : []));
  protected readonly loading = this.census.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.census.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly takenAt = signal<Date | null>(toTheMinute(new Date()));
  private readonly texts = signal<Record<string, EntryTexts>>({});
  private readonly touched = signal<ReadonlySet<string>>(new Set());
  private readonly submitted = signal(false);
  private readonly server = signal<Record<string, CellProblems>>({});
  /** Messages about a whole row (the server named the entry but no kind), by encounter. */
  protected readonly rowErrors = signal<Partial<Record<string, string[]>>>({});
  /** The encounters the server refused: their rows are marked. */
  protected readonly failedRows = signal<ReadonlySet<string>>(new Set());
  protected readonly saving = signal(false);
  protected readonly error = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  private readonly cells = viewChildren<ElementRef<HTMLInputElement>>('cell');

  protected readonly checks = computed(() => {
    const texts = this.texts();
    const definitions = this.definitions();
    return new Map<string, EntryCheck>(this.patients().map((p) => [p.encounterId, checkEntry(texts[p.encounterId] ?? {}, definitions)]));
  });

  /** The grid as drawn: a row per patient, a cell per kind with its text, problem and flag. */
  protected readonly grid = computed(() =>
    this.patients().map((patient) => ({
      patient,
      id: patient.encounterId,
      cells: this.definitions().map((definition) => {
        const problem = this.problemOf(patient.encounterId, definition.kind);
        const flag = problem ? null : this.flagOf(patient.encounterId, definition.kind);
        return { kind: definition.kind, text: this.textOf(patient.encounterId, definition.kind), problem, flag, abnormal: flag === 'low' || flag === 'high' };
      }),
    })),
  );

  protected textOf(encounterId: string, kind: VitalSignKind): string {
    return this.texts()[encounterId]?.[kind] ?? '';
  }

  protected flagOf(encounterId: string, kind: VitalSignKind): string | null {
    return this.checks().get(encounterId)?.flags[kind] ?? null;
  }

  protected problemOf(encounterId: string, kind: VitalSignKind): { key: string; params: Record<string, string> } | null {
    const server = this.server()[encounterId]?.[kind];
    const local = this.touched().has(`${encounterId}:${kind}`) || this.submitted() ? this.checks().get(encounterId)?.problems[kind] : undefined;
    const problem = server ?? local;
    return problem ? problemLabel(problem) : null;
  }

  protected setText(encounterId: string, kind: VitalSignKind, event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.texts.update((all) => ({ ...all, [encounterId]: { ...all[encounterId], [kind]: value } }));
    this.server.update((all) => {
      const row = { ...all[encounterId] };
      delete row[kind];
      return { ...all, [encounterId]: row };
    });
    this.notice.set(null);
  }

  /** Enter in the time moves on to the first patient's first value, as Enter moves along the grid. */
  protected onTimeEnter(event: Event): void {
    event.preventDefault();
    const first = this.cells()[0]?.nativeElement;
    first?.focus();
    first?.select();
  }

  protected touch(encounterId: string, kind: VitalSignKind): void {
    if (this.textOf(encounterId, kind).trim() === '') return;
    this.touched.update((set) => new Set([...set, `${encounterId}:${kind}`]));
  }

  /** Enter moves to the next cell (along the row, then the next patient's first value); on the last cell it saves. */
  protected onEnter(event: Event, encounterId: string, kind: VitalSignKind): void {
    event.preventDefault();
    this.touch(encounterId, kind);
    const cells = this.cells().map((c) => c.nativeElement);
    const index = cells.indexOf(event.target as HTMLInputElement);
    const next = cells[index + 1];
    if (next) {
      next.focus();
      next.select();
    } else {
      this.save();
    }
  }

  save(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    this.error.set(null);
    this.notice.set(null);
    this.rowErrors.set({});
    this.failedRows.set(new Set());
    const rows = this.patients().filter((p) => !this.checks().get(p.encounterId)?.empty);
    const invalid = rows.filter((p) => hasProblems(this.checks().get(p.encounterId) ?? { problems: {} }));
    if (invalid.length) {
      this.failedRows.set(new Set(invalid.map((p) => p.encounterId)));
      this.error.set({ key: _('nurse.round.fixProblems') });
      return;
    }
    if (rows.length === 0) {
      this.error.set({ key: _('nurse.round.nothingToSave') });
      return;
    }
    const takenAt = instantOf(this.takenAt());
    if (!takenAt) {
      this.error.set({ key: _('nurse.entry.takenAtRequired') });
      return;
    }
    const body: RecordVitalSignsRoundRequest = {
      entries: rows.map((p) => ({ encounterId: p.encounterId, takenAt, values: this.checks().get(p.encounterId)?.values ?? {} })),
    };
    this.saving.set(true);
    this.api.recordVitalSignsRound(body).subscribe({
      next: () => {
        this.saving.set(false);
        this.texts.set({});
        this.touched.set(new Set());
        this.submitted.set(false);
        this.server.set({});
        for (const cell of this.cells()) cell.nativeElement.value = '';
        this.notice.set({ key: _('nurse.round.saved'), params: { count: String(rows.length) } });
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const errors = problemOf(error)?.errors ?? [];
        if (statusOf(error) !== 400 || errors.length === 0) {
          this.error.set(failureMessage(error));
          return;
        }
        this.placeServerErrors(errors, rows);
      },
    });
  }

  /** Puts each field error on its row (`entries[i]` is the i-th row sent) and cell; nothing was saved. */
  private placeServerErrors(errors: { field: string; message: string }[], rows: CensusEntry[]): void {
    const server: Record<string, CellProblems> = {};
    const rowErrors: Record<string, string[]> = {};
    const failed = new Set<string>();
    const other: string[] = [];
    for (const error of errors) {
      const target = fieldErrorTarget(error.field);
      const row = target.entry !== null ? rows[target.entry] : undefined;
      if (!row) {
        other.push(`${error.field}: ${error.message}`);
        continue;
      }
      failed.add(row.encounterId);
      if (target.kind) server[row.encounterId] = { ...server[row.encounterId], [target.kind]: { code: 'server', params: { message: error.message } } };
      else rowErrors[row.encounterId] = [...(rowErrors[row.encounterId] ?? []), error.message];
    }
    this.server.set(server);
    this.rowErrors.set(rowErrors);
    this.failedRows.set(failed);
    const names = rows.filter((r) => failed.has(r.encounterId)).map((r) => `${bedOf(r)} ${r.patientName}`.trim());
    this.error.set(
      names.length
        ? { key: _('nurse.round.rowsRefused'), params: { rows: names.join('; ') } }
        : { key: _('nurse.common.rejected'), params: { message: other.join('; ') } },
    );
  }
}
