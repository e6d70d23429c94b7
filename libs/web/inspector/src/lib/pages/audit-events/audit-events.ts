import { DatePipe, JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AuditAction, AuditEvent, AuditEventQuery, AuditOutcome, AuditResourceType, Page, PatientSummary } from '@benhan/shared/contracts';
import { AuditApi } from '@benhan/web/data-access';
import { BH_DATE_TIME_FORMAT, LanguageService } from '@benhan/web/ui';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { DatePicker } from 'primeng/datepicker';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { MultiSelect } from 'primeng/multiselect';
import { Select } from 'primeng/select';
import { TableModule, type TablePageEvent } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { PatientPicker } from '../../components/patient-picker/patient-picker';
import { instantRange, rangeInvalid } from '../../dates';
import { failureMessage } from '../../failure-message';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTION_LABELS,
  AUDIT_OUTCOME_LABELS,
  labelOf,
  optionsOf,
  outcomeSeverity,
  RESOURCE_TYPE_LABELS,
  roleLabel,
  shortId,
} from '../../labels';

export const EVENTS_PAGE_SIZE = 50;

type EventSort = NonNullable<AuditEventQuery['sort']>;

/** A user whose events the log is narrowed to, chosen from a row (the API takes the user's id). */
export interface EventActor {
  id: string;
  name: string;
}

/** The filter form as typed; dates are the date pickers' local midnights. */
export interface EventFilters {
  patient: PatientSummary | null;
  actor: EventActor | null;
  actions: AuditAction[];
  resourceType: AuditResourceType | null;
  resourceId: string;
  outcome: AuditOutcome | null;
  from: Date | null;
  to: Date | null;
  sort: EventSort;
}

export const EMPTY_EVENT_FILTERS: EventFilters = {
  patient: null,
  actor: null,
  actions: [],
  resourceType: null,
  resourceId: '',
  outcome: null,
  from: null,
  to: null,
  sort: 'desc',
};

/** The event-log query the API takes: only what is filled in, trimmed, with the page. */
export function eventsQuery(filters: EventFilters, offset: number): AuditEventQuery {
  const text = (value: string) => value.trim() || undefined;
  const query: AuditEventQuery = {
    patient: filters.patient?.id,
    actor: filters.actor?.id,
    action: filters.actions.length ? [...filters.actions] : undefined,
    resourceType: filters.resourceType ?? undefined,
    resourceId: text(filters.resourceId),
    outcome: filters.outcome ?? undefined,
    ...instantRange(filters.from, filters.to),
    sort: filters.sort,
    limit: EVENTS_PAGE_SIZE,
    offset,
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as AuditEventQuery;
}

/**
 * The audit events (`/inspector/events`): the whole log of the facility, newest first, filtered by patient,
 * actions, what the event was about (kind and id), outcome and days, and by a user chosen from a row. Each row says in plain words what happened,
 * who did it (name, account, roles), to what, why, and from where; opening a row shows the event's recorded detail
 * and its place in the hash chain.
 */
@Component({
  selector: 'bh-audit-events',
  imports: [
    DatePipe,
    JsonPipe,
    FormsModule,
    TranslatePipe,
    TableModule,
    InputText,
    DatePicker,
    Select,
    MultiSelect,
    Tag,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    PatientPicker,
  ],
  templateUrl: './audit-events.html',
  styleUrl: './audit-events.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditEvents {
  private readonly api = inject(AuditApi);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService).language;

  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly pageSize = EVENTS_PAGE_SIZE;
  protected readonly labelOf = labelOf;
  protected readonly roleLabel = roleLabel;
  protected readonly shortId = shortId;
  protected readonly actionLabels = AUDIT_ACTION_LABELS;
  protected readonly outcomeLabels = AUDIT_OUTCOME_LABELS;
  protected readonly outcomeSeverity = outcomeSeverity;
  protected readonly resourceLabels = RESOURCE_TYPE_LABELS;
  /** Options labelled in the UI language here rather than by the pipe: selects name and filter options by these labels. */
  private readonly labelled = <T extends string>(labels: Record<T, string>) =>
    computed(() => {
      this.language();
      return optionsOf(labels).map(({ value, labelKey }) => ({ value, label: this.translate.instant(labelKey) as string }));
    });
  protected readonly outcomeOptions = this.labelled(AUDIT_OUTCOME_LABELS);
  protected readonly resourceOptions = this.labelled(RESOURCE_TYPE_LABELS);
  protected readonly sortOptions = this.labelled<EventSort>({ desc: _('inspector.events.newestFirst'), asc: _('inspector.events.oldestFirst') });
  /** Labelled in the UI language here rather than by the pipe: the multi-select filters and names options by these labels. */
  protected readonly actionOptions = computed(() => {
    this.language();
    return AUDIT_ACTION_GROUPS.map((group) => ({
      label: this.translate.instant(group.labelKey) as string,
      items: group.actions.map((value) => ({ value, label: this.translate.instant(AUDIT_ACTION_LABELS[value]) as string })),
    }));
  });

  protected readonly filters = signal<EventFilters>({ ...EMPTY_EVENT_FILTERS });
  protected readonly submitted = signal(false);
  protected readonly badRange = computed(() => this.submitted() && rangeInvalid(this.filters().from, this.filters().to));

  protected readonly query = signal<AuditEventQuery>(eventsQuery(EMPTY_EVENT_FILTERS, 0));
  private readonly results = rxResource({ params: () => this.query(), stream: ({ params }) => this.api.events(params) });
  private readonly page = computed<Page<AuditEvent> | null>(() => (this.results.hasValue() ? this.results.value() : null));
  protected readonly items = computed(() => this.page()?.items ?? []);
  protected readonly total = computed(() => this.page()?.total ?? 0);
  protected readonly offset = computed(() => this.query().offset ?? 0);
  protected readonly paged = computed(() => this.total() > EVENTS_PAGE_SIZE);
  protected readonly loading = this.results.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.results.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly expanded = signal<ReadonlySet<number>>(new Set());
  protected readonly showDetailKey = _('inspector.events.showDetail');
  protected readonly hideDetailKey = _('inspector.events.hideDetail');

  protected set<K extends keyof EventFilters>(name: K, value: EventFilters[K]): void {
    this.filters.update((f) => ({ ...f, [name]: value }));
  }

  protected search(): void {
    this.submitted.set(true);
    if (this.badRange()) return;
    this.query.set(eventsQuery(this.filters(), 0));
  }

  protected reset(): void {
    this.submitted.set(false);
    this.filters.set({ ...EMPTY_EVENT_FILTERS });
    this.query.set(eventsQuery(EMPTY_EVENT_FILTERS, 0));
  }

  /** Narrows the log to one user's events. */
  protected byActor(event: AuditEvent): void {
    if (!event.actorUserId) return;
    this.set('actor', { id: event.actorUserId, name: event.actorName ?? event.actorUsername ?? event.actorUserId });
    this.search();
  }

  protected clearActor(): void {
    this.set('actor', null);
    this.search();
  }

  protected toggle(event: AuditEvent): void {
    const next = new Set(this.expanded());
    if (!next.delete(event.seq)) next.add(event.seq);
    this.expanded.set(next);
  }

  protected hasDetail(event: AuditEvent): boolean {
    return Object.keys(event.detail ?? {}).length > 0;
  }

  protected turnPage(event: TablePageEvent): void {
    this.query.update((q) => ({ ...q, offset: event.first }));
  }

  protected reload(): void {
    this.results.reload();
  }
}
