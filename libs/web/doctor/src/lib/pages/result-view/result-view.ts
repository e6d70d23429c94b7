import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { DiagnosticReport, Observation, OrderDetail } from '@benhan/shared/contracts';
import { OrdersApi, statusOf } from '@benhan/web/data-access';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { failureMessage, type Translatable } from '../../failure-message';
import {
  flagOf,
  INTERPRETATION_LABELS,
  ORDER_STATUS_LABELS,
  rangeText,
  RESULT_STATUS_LABELS,
  trendPoints,
  valueText,
} from '../../orders/orders-model';

/** The trend chart's box. */
const CHART = { width: 320, height: 96 };

/**
 * One report (`/doctor/orders/:orderId/reports/:reportId`), read from its order (the API has no call for a
 * report alone): lab observations with value, unit, reference range and interpretation colouring, or the imaging
 * findings and conclusion with "Mở trên PACS"; a correction and a superseded report say so; "Đã xem" acknowledges
 * it. Any numeric observation opens its trend for the patient (a table and a small inline SVG line).
 */
@Component({
  selector: 'bh-result-view',
  imports: [RouterLink, DatePipe, TranslatePipe, Tag, Message, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './result-view.html',
  styleUrl: './result-view.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultView {
  private readonly ordersApi = inject(OrdersApi);

  protected readonly interpretationLabels = INTERPRETATION_LABELS;
  protected readonly resultStatusLabels = RESULT_STATUS_LABELS;
  protected readonly orderStatusLabels = ORDER_STATUS_LABELS;
  protected readonly flagOf = flagOf;
  protected readonly rangeText = rangeText;
  protected readonly valueText = valueText;
  protected readonly chart = CHART;

  private readonly params = toSignal(inject(ActivatedRoute).paramMap, { requireSync: true });
  private readonly orderId = computed(() => this.params().get('orderId') ?? '');
  private readonly reportId = computed(() => this.params().get('reportId') ?? '');

  private readonly orderResource = rxResource({
    params: () => this.orderId() || undefined,
    stream: ({ params }) => this.ordersApi.get(params),
  });
  protected readonly order = computed<OrderDetail | null>(() => (this.orderResource.hasValue() ? this.orderResource.value() : null));
  /** The report as acknowledged here, before the order is read again. */
  private readonly acknowledged = signal<DiagnosticReport | null>(null);
  protected readonly report = computed<DiagnosticReport | null>(() => {
    const ack = this.acknowledged();
    if (ack && ack.id === this.reportId()) return ack;
    return this.order()?.reports.find((r) => r.id === this.reportId()) ?? null;
  });
  protected readonly loadError = computed<Translatable | null>(() => {
    const error = this.orderResource.error();
    if (error) return failureMessage(error);
    return this.order() && !this.report() ? { key: _('doctor.results.view.notFound') } : null;
  });
  protected readonly correctionOf = computed(() => {
    const report = this.report();
    return report?.supersedesId ? (this.order()?.reports.find((r) => r.id === report.supersedesId) ?? null) : null;
  });

  protected readonly acknowledging = signal(false);
  protected readonly ackError = signal<Translatable | null>(null);

  // ---- trend ----
  protected readonly trendOf = signal<Observation | null>(null);
  private readonly trendResource = rxResource({
    params: () => {
      const obs = this.trendOf();
      return obs ? { patientId: obs.patientId, code: obs.code } : undefined;
    },
    stream: ({ params }) => this.ordersApi.trend(params.patientId, params.code),
  });
  protected readonly trendLoading = this.trendResource.isLoading;
  protected readonly trendError = computed(() => {
    const error = this.trendResource.error();
    return error ? failureMessage(error) : null;
  });
  /** Oldest first, as the chart reads left to right. */
  protected readonly trend = computed<Observation[]>(() => {
    const values = this.trendResource.hasValue() ? (this.trendResource.value() ?? []) : [];
    const when = (o: Observation) => o.effectiveAt ?? o.issued;
    return [...values].sort((a, b) => when(a).localeCompare(when(b)));
  });
  protected readonly points = computed(() =>
    trendPoints(
      this.trend()
        .filter((o) => o.valueQuantity !== null)
        .map((o) => ({ value: o.valueQuantity as number, flag: flagOf(o.interpretation) })),
      CHART.width,
      CHART.height,
    ),
  );
  protected readonly polyline = computed(() => this.points().map((p) => `${p.x},${p.y}`).join(' '));

  protected acknowledge(): void {
    const report = this.report();
    if (!report || this.acknowledging()) return;
    this.acknowledging.set(true);
    this.ackError.set(null);
    this.ordersApi.acknowledge(report.id).subscribe({
      next: (updated) => {
        this.acknowledging.set(false);
        this.acknowledged.set(updated);
      },
      error: (error: unknown) => {
        this.acknowledging.set(false);
        if (statusOf(error) === 409) {
          this.ackError.set({ key: _('doctor.results.view.alreadyAcknowledged') });
          this.orderResource.reload();
          return;
        }
        this.ackError.set(failureMessage(error));
      },
    });
  }

  protected showTrend(observation: Observation): void {
    this.trendOf.set(observation);
  }

  protected reload(): void {
    this.orderResource.reload();
  }
}
