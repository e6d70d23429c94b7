import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { OrdersApi } from '@benhan/web/data-access';
import { serverPage } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';
import { Message } from 'primeng/message';
import { Paginator } from 'primeng/paginator';
import { Tag } from 'primeng/tag';
import { failureMessage } from '../../failure-message';
import { flagOf, INTERPRETATION_LABELS, ORDER_CATEGORY_LABELS, valueText } from '../../orders/orders-model';

/**
 * The results inbox (`/doctor/results`): the doctor's departments' new, unacknowledged reports, critical ones
 * first (a red "Nguy hiểm" flag), abnormal next, with the flagged values; each opens the result view. The server
 * orders and pages it: a ward back from a weekend may have hundreds.
 */
@Component({
  selector: 'bh-results-inbox',
  imports: [RouterLink, DatePipe, TranslatePipe, Tag, Message, Paginator],
  templateUrl: './results-inbox.html',
  styleUrl: './results-inbox.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResultsInbox {
  private readonly ordersApi = inject(OrdersApi);

  protected readonly categoryLabels = ORDER_CATEGORY_LABELS;
  protected readonly interpretationLabels = INTERPRETATION_LABELS;
  protected readonly flagOf = flagOf;
  protected readonly valueText = valueText;

  protected readonly inbox = serverPage({ pageSize: 20, load: (_, page) => this.ordersApi.inbox(page) });
  protected readonly error = computed(() => {
    const error = this.inbox.error();
    return error ? failureMessage(error) : null;
  });
}
