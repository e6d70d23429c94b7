import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { VitalSignKind, VitalSignObservation } from '@benhan/shared/contracts';
import { BhNumberPipe } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';
import { flagLabel, KIND_SHORT_LABELS } from '../../labels';
import { ENTRY_KINDS } from '../../vital-signs/vital-sign-entry';
import { flowsheetRows } from './flowsheet-rows';

/**
 * The flowsheet: one row per time the signs were taken, one column per kind, abnormal values flagged and
 * entered-in-error ones struck through with who voided them and why. Each valid value can be marked
 * entered-in-error (the parent asks for the reason).
 */
@Component({
  selector: 'bh-vitals-flowsheet',
  imports: [DatePipe, TranslatePipe, BhNumberPipe],
  templateUrl: './vitals-flowsheet.html',
  styleUrl: './vitals-flowsheet.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.aria-busy]': 'loading()' },
})
export class VitalsFlowsheet {
  readonly observations = input.required<readonly VitalSignObservation[]>();
  /** While the range is (re)loading: no "nothing charted" message yet. */
  readonly loading = input(false);
  readonly markEnteredInError = output<VitalSignObservation>();

  protected readonly labels = KIND_SHORT_LABELS;
  protected readonly flagLabel = flagLabel;
  protected readonly rows = computed(() => flowsheetRows(this.observations()));
  /** The entry row's kinds, plus height once any was charted. */
  protected readonly kinds = computed<VitalSignKind[]>(() =>
    this.observations().some((o) => o.kind === 'height') ? [...ENTRY_KINDS, 'height'] : [...ENTRY_KINDS],
  );
}
