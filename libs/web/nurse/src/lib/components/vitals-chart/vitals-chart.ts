import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { VitalSignObservation } from '@benhan/shared/contracts';
import { BhDatePipe, BhNumberPipe } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';
import { buildVitalsChart } from '../../vital-signs/vitals-chart-geometry';

/**
 * The vital signs chart as on the paper "phiếu theo dõi chức năng sống": temperature (blue, left scale
 * 35–41 °C) and pulse (red, right scale 40–160 /min) curves over the days of the range, blood pressure bars
 * below. Plain SVG, so it prints and its points can be asserted. Sets taken close together are drawn side by side
 * rather than on top of each other; each point's tooltip gives its exact time and value.
 */
@Component({
  selector: 'bh-vitals-chart',
  imports: [DatePipe, TranslatePipe, BhDatePipe, BhNumberPipe],
  templateUrl: './vitals-chart.html',
  styleUrl: './vitals-chart.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VitalsChart {
  readonly observations = input.required<readonly VitalSignObservation[]>();
  readonly from = input.required<Date>();
  readonly to = input.required<Date>();

  protected readonly chart = computed(() => buildVitalsChart(this.observations(), { from: this.from(), to: this.to() }));
  protected readonly viewBox = computed(() => `0 0 ${this.chart().layout.width} ${this.chart().layout.height}`);
}
