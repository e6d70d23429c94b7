import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { InterfaceDestinationName, InterfaceMessageSummary, InterfacesOverview, Page, ReplayInterfaceMessageResponse } from '@benhan/shared/contracts';
import { InterfacesApi } from '@benhan/web/data-access';
import { LanguageService } from '@benhan/web/ui';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { TableModule, type TablePageEvent } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { interval, map } from 'rxjs';
import { InterfaceMessagePanel, MESSAGE_TIME_FORMAT } from '../../components/interface-message-panel/interface-message-panel';
import {
  EMPTY_MESSAGE_FILTERS,
  failedTo,
  interfaceFailure,
  type MessageFilters,
  messagesQuery,
  MESSAGES_PAGE_SIZE,
  OVERVIEW_REFRESH_MS,
  QUICK_FILTERS,
  type QuickFilter,
  quickFilterOf,
  waitingFor,
} from '../../interfaces/interface-model';
import { INTERFACE_DESTINATION_LABELS, INTERFACE_DIRECTION_LABELS, INTERFACE_LABEL_OF, INTERFACE_STATUS_LABELS, optionsOf } from '../../labels';

/** The quick filters' buttons, in this order. */
const QUICK_FILTER_BUTTONS: { name: QuickFilter; labelKey: string; icon: string; severity: 'warn' | 'danger' | 'info' }[] = [
  { name: 'quarantine', labelKey: _('admin.interfaces.quick.quarantine'), icon: 'pi pi-ban', severity: 'warn' },
  { name: 'failed', labelKey: _('admin.interfaces.quick.failed'), icon: 'pi pi-times-circle', severity: 'danger' },
  { name: 'pending', labelKey: _('admin.interfaces.quick.pending'), icon: 'pi pi-clock', severity: 'info' },
];

/** The overview as read, with when it was read (the outbox's waiting time is counted to then). */
interface OverviewReading {
  overview: InterfacesOverview;
  readAt: number;
}

/**
 * The HL7 v2 interfaces with the lab (LIS) and the PACS (`/admin/interfaces`). Above: the MLLP listener taking
 * results in, each destination's connection and outbox (how many wait, how many failed, for how long) and the
 * quarantine, read again every 10 seconds while the page is open. Below: the message log, newest first, filtered
 * and paged by the server; a row opens the message, where a quarantined result is fixed and replayed and a failed
 * order is sent again.
 */
@Component({
  selector: 'bh-interfaces',
  imports: [
    DatePipe,
    FormsModule,
    TranslatePipe,
    TableModule,
    Tag,
    Message,
    Select,
    InputText,
    Dialog,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    InterfaceMessagePanel,
  ],
  templateUrl: './interfaces.html',
  styleUrl: './interfaces.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Interfaces {
  private readonly api = inject(InterfacesApi);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService).language;

  protected readonly timeFormat = MESSAGE_TIME_FORMAT;
  protected readonly pageSize = MESSAGES_PAGE_SIZE;
  protected readonly label = INTERFACE_LABEL_OF;
  protected readonly quickFilters = QUICK_FILTER_BUTTONS;

  // ---- Overview

  private readonly overviewResource = rxResource({
    stream: () => this.api.overview().pipe(map((overview): OverviewReading => ({ overview, readAt: Date.now() }))),
  });
  /** The last overview read, kept on screen while the next one loads or when a refresh fails. */
  private readonly reading = linkedSignal<OverviewReading | undefined, OverviewReading | undefined>({
    source: () => (this.overviewResource.hasValue() ? this.overviewResource.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });
  protected readonly overview = computed(() => this.reading()?.overview ?? null);
  protected readonly overviewReadAt = computed(() => this.reading()?.readAt ?? null);
  protected readonly overviewLoading = this.overviewResource.isLoading;
  protected readonly overviewError = computed(() => {
    const error = this.overviewResource.error();
    return error ? interfaceFailure(error) : null;
  });

  // ---- Message log

  protected readonly filters = signal<MessageFilters>({ ...EMPTY_MESSAGE_FILTERS });
  /** The filters of the log shown (the form may have changed since). */
  private readonly applied = signal<MessageFilters>({ ...EMPTY_MESSAGE_FILTERS });
  protected readonly activeQuickFilter = computed(() => quickFilterOf(this.applied()));
  protected readonly query = signal(messagesQuery(EMPTY_MESSAGE_FILTERS, 0));
  private readonly results = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.messages(params) });
  private readonly page = linkedSignal<Page<InterfaceMessageSummary> | undefined, Page<InterfaceMessageSummary> | undefined>({
    source: () => (this.results.hasValue() ? this.results.value() : undefined),
    computation: (next, previous) => next ?? (this.results.error() ? undefined : previous?.value),
  });
  protected readonly items = computed(() => this.page()?.items ?? []);
  protected readonly total = computed(() => this.page()?.total ?? 0);
  protected readonly offset = computed(() => this.query().offset ?? 0);
  protected readonly loading = this.results.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.results.error();
    return error ? interfaceFailure(error) : null;
  });

  /** Options labelled in the UI language here rather than by the pipe: the selects name their options by these. */
  private readonly labelled = <T extends string>(labels: Record<T, string>) =>
    computed(() => {
      this.language();
      return optionsOf(labels).map(({ value, labelKey }) => ({ value, label: this.translate.instant(labelKey) as string }));
    });
  protected readonly directionOptions = this.labelled(INTERFACE_DIRECTION_LABELS);
  protected readonly statusOptions = this.labelled(INTERFACE_STATUS_LABELS);
  protected readonly destinationOptions = this.labelled(INTERFACE_DESTINATION_LABELS);

  // ---- Detail

  protected readonly selectedId = signal<string | null>(null);
  protected readonly outcome = signal<ReplayInterfaceMessageResponse | null>(null);

  constructor() {
    interval(OVERVIEW_REFRESH_MS)
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.refreshOverview());
  }

  protected refreshOverview(): void {
    this.overviewResource.reload();
  }

  protected set<K extends keyof MessageFilters>(name: K, value: MessageFilters[K]): void {
    this.filters.update((f) => ({ ...f, [name]: value }));
  }

  protected search(): void {
    this.apply(this.filters());
  }

  protected reset(): void {
    this.filters.set({ ...EMPTY_MESSAGE_FILTERS });
    this.apply(EMPTY_MESSAGE_FILTERS);
  }

  /** A shortcut: the form shows its filters, the log its first page. Pressed again, it lets go. */
  protected quick(name: QuickFilter): void {
    const filters = this.activeQuickFilter() === name ? EMPTY_MESSAGE_FILTERS : QUICK_FILTERS[name];
    this.filters.set({ ...filters });
    this.apply(filters);
  }

  /** From the overview's counts: the log narrowed to the messages counted (a destination's, for its failures). */
  protected show(name: QuickFilter, destination?: InterfaceDestinationName): void {
    const filters = destination && name === 'failed' ? failedTo(destination) : QUICK_FILTERS[name];
    this.filters.set({ ...filters });
    this.apply(filters);
  }

  private apply(filters: MessageFilters): void {
    this.applied.set({ ...filters });
    this.query.set(messagesQuery(filters, 0));
  }

  protected turnPage(event: TablePageEvent): void {
    this.query.update((q) => ({ ...q, offset: event.first }));
  }

  protected reloadLog(): void {
    this.results.reload();
  }

  protected open(message: InterfaceMessageSummary): void {
    this.openId(message.id);
  }

  protected openId(id: string): void {
    this.outcome.set(null);
    this.selectedId.set(id);
  }

  protected closeDetail(): void {
    this.selectedId.set(null);
    this.outcome.set(null);
  }

  /** A replay went through: its new attempt is opened with the outcome, the log and the overview read again. */
  protected onReplayed(response: ReplayInterfaceMessageResponse): void {
    this.outcome.set(response);
    this.selectedId.set(response.attempt.id);
    this.results.reload();
    this.refreshOverview();
  }

  protected waiting(since: string) {
    return waitingFor(since, this.overviewReadAt() ?? Date.now());
  }
}
