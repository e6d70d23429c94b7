import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { VitalSignObservation } from '@benhan/shared/contracts';
import { CareChartApi } from '@benhan/web/data-access';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { Textarea } from 'primeng/textarea';
import { VitalSignsEntry } from '../../../components/vital-signs-entry/vital-signs-entry';
import { VitalsChart } from '../../../components/vitals-chart/vitals-chart';
import { VitalsFlowsheet } from '../../../components/vitals-flowsheet/vitals-flowsheet';
import { failureMessage, type Translatable } from '../../../failure-message';
import { KIND_LABELS } from '../../../labels';
import { NurseStore } from '../../../nurse.store';
import { CHART_RANGES, type ChartRange, rangeBounds } from '../../../vital-signs/chart-range';
import { EncounterContext } from '../encounter-context';

/**
 * The vital signs tab of the care chart: the entry row, the chart of the chosen range and the flowsheet,
 * where a wrong value is marked entered-in-error with a reason.
 */
@Component({
  selector: 'bh-vital-signs-tab',
  imports: [FormsModule, TranslatePipe, ButtonDirective, ButtonIcon, ButtonLabel, Dialog, Message, Textarea, VitalSignsEntry, VitalsChart, VitalsFlowsheet],
  templateUrl: './vital-signs-tab.html',
  styleUrl: './vital-signs-tab.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VitalSignsTab {
  private readonly api = inject(CareChartApi);
  private readonly store = inject(NurseStore);
  private readonly context = inject(EncounterContext);

  protected readonly ranges = CHART_RANGES;
  protected readonly kindLabels = KIND_LABELS;
  protected readonly encounterId = this.context.encounterId;
  protected readonly definitions = this.store.entryDefinitions;
  protected readonly definitionsError = computed(() => {
    const error = this.store.definitionsError();
    return error ? failureMessage(error) : null;
  });

  protected readonly range = signal<ChartRange>('3d');
  /** "Now" of the range, moved on after each save so the new set is inside it. */
  private readonly now = signal(new Date());
  protected readonly bounds = computed(() => {
    const encounter = this.context.encounter.hasValue() ? this.context.encounter.value() : null;
    return rangeBounds(this.range(), this.now(), encounter);
  });

  private readonly flowsheet = rxResource({
    params: () => {
      const encounterId = this.encounterId();
      const { from, to } = this.bounds();
      return encounterId ? { encounterId, from: from.toISOString(), to: to.toISOString() } : undefined;
    },
    stream: ({ params }) => this.api.flowsheet(params.encounterId, { from: params.from, to: params.to }),
  });
  /** The range's observations; the previous ones stay drawn while a new range or a save reloads. */
  protected readonly observations = linkedSignal<VitalSignObservation[] | undefined, VitalSignObservation[]>({
    source: () => (this.flowsheet.hasValue() ? this.flowsheet.value().observations : undefined),
    computation: (next, previous) => next ?? previous?.value ?? [],
  });
  protected readonly loading = this.flowsheet.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.flowsheet.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly voiding = signal<VitalSignObservation | null>(null);
  protected readonly voidOpen = signal(false);
  protected readonly voidReason = signal('');
  protected readonly voidProblem = signal<Translatable | null>(null);
  protected readonly voidSaving = signal(false);

  protected setRange(range: ChartRange): void {
    this.now.set(new Date());
    this.range.set(range);
  }

  protected onSaved(): void {
    this.now.set(new Date());
  }

  protected reload(): void {
    this.flowsheet.reload();
    this.store.reloadDefinitions();
  }

  protected askEnteredInError(observation: VitalSignObservation): void {
    this.voiding.set(observation);
    this.voidReason.set('');
    this.voidProblem.set(null);
    this.voidOpen.set(true);
  }

  protected confirmEnteredInError(): void {
    const observation = this.voiding();
    const reason = this.voidReason().trim();
    if (!observation) return;
    if (!reason) {
      this.voidProblem.set({ key: _('nurse.flowsheet.reasonRequired') });
      return;
    }
    this.voidSaving.set(true);
    this.api.markVitalSignEnteredInError(observation.id, { reason }).subscribe({
      next: () => {
        this.voidSaving.set(false);
        this.voidOpen.set(false);
        this.flowsheet.reload();
      },
      error: (error: unknown) => {
        this.voidSaving.set(false);
        this.voidProblem.set(failureMessage(error));
      },
    });
  }
}
