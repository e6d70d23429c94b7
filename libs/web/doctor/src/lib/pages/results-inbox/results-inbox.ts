import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { InboxEntry } from '@benhan/shared/contracts';
import { OrdersApi } from '@benhan/web/data-access';
import { TranslatePipe } from '@ngx-translate/core';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { failureMessage } from '../../failure-message';
import { flagOf, INTERPRETATION_LABELS, ORDER_CATEGORY_LABELS, sortInbox, valueText } from '../../orders/orders-model';

/**
 * The results inbox (`/doctor/results`): the doctor's departments' new, unacknowledged reports, critical ones
 * first (a red "Nguy hiểm" flag), abnormal next, with the flagged values; each opens the result view.
 */
@Component({
  selector: 'bh-results-inbox',
  imports: [RouterLink, DatePipe, TranslatePipe, Tag, Message],
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

  private readonly inboxResource = rxResource({ stream: () => this.ordersApi.inbox() });
  protected readonly loading = this.inboxResource.isLoading;
  protected readonly entries = computed<InboxEntry[]>(() => (this.inboxResource.hasValue() ? sortInbox(this.inboxResource.value()) : []));
  protected readonly error = computed(() => {
    const error = this.inboxResource.error();
    return error ? failureMessage(error) : null;
  });

  protected reload(): void {
    this.inboxResource.reload();
  }
}
