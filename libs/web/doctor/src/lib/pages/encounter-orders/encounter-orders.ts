import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { EncounterDetail, Icd10Code, OrderCategory, OrderDetail, OrderPriority } from '@benhan/shared/contracts';
import { ORDER_PRIORITIES } from '@benhan/shared/contracts';
import { EncountersApi, OrdersApi, problemCodeOf, problemOf, statusOf } from '@benhan/web/data-access';
import { LanguageService, PinDialog, type PinDialogProblem } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { map } from 'rxjs';
import { Icd10Input } from '../../components/icd10-input/icd10-input';
import { failureMessage, type Translatable } from '../../failure-message';
import {
  buildPlaceRequest,
  type CatalogueEntry,
  filterCatalogue,
  flagOf,
  groupFieldErrors,
  imagingEntries,
  labEntries,
  ORDER_CATEGORY_LABELS,
  ORDER_PRIORITY_LABELS,
  ORDER_STATUS_LABELS,
  ORDER_STATUS_SEVERITY,
  type OrderField,
  RESULT_STATUS_LABELS,
  SPECIMEN_STATUS_LABELS,
} from '../../orders/orders-model';

/** How many catalogue entries the picker lists at once. */
const PICKER_LIMIT = 30;

/**
 * An encounter's lab and imaging orders (`/doctor/encounters/:id/orders`): the order entry (catalogue picker
 * searched by Vietnamese name or code, priority, ICD-10 reason and text, clinical note) placing a draft, "Ký và
 * gửi" signing its order sheet with the PIN (the order becomes active), and the order list with status tags,
 * reports and revoke / entered-in-error with a reason.
 */
@Component({
  selector: 'bh-encounter-orders',
  imports: [RouterLink, DatePipe, FormsModule, TranslatePipe, Tag, Message, Dialog, InputText, ButtonDirective, ButtonIcon, ButtonLabel, PinDialog, Icd10Input],
  templateUrl: './encounter-orders.html',
  styleUrl: './encounter-orders.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EncounterOrders {
  private readonly ordersApi = inject(OrdersApi);
  private readonly encountersApi = inject(EncountersApi);
  protected readonly language = inject(LanguageService).language;

  protected readonly statusLabels = ORDER_STATUS_LABELS;
  protected readonly statusSeverity = ORDER_STATUS_SEVERITY;
  protected readonly priorityLabels = ORDER_PRIORITY_LABELS;
  protected readonly categoryLabels = ORDER_CATEGORY_LABELS;
  protected readonly resultStatusLabels = RESULT_STATUS_LABELS;
  protected readonly specimenStatusLabels = SPECIMEN_STATUS_LABELS;
  protected readonly priorities = ORDER_PRIORITIES;
  protected readonly categories: OrderCategory[] = ['laboratory', 'imaging'];

  protected readonly encounterId = toSignal(inject(ActivatedRoute).paramMap.pipe(map((p) => p.get('id') ?? '')), {
    initialValue: '',
  });

  private readonly encounterResource = rxResource({
    params: () => this.encounterId() || undefined,
    stream: ({ params }) => this.encountersApi.get(params),
  });
  protected readonly encounter = computed<EncounterDetail | null>(() =>
    this.encounterResource.hasValue() ? this.encounterResource.value() : null,
  );

  private readonly ordersResource = rxResource({
    params: () => this.encounterId() || undefined,
    stream: ({ params }) => this.ordersApi.forEncounter(params),
  });
  protected readonly orders = computed<OrderDetail[]>(() => {
    const orders = this.ordersResource.hasValue() ? (this.ordersResource.value() ?? []) : [];
    return [...orders].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  });
  protected readonly ordersLoading = this.ordersResource.isLoading;
  protected readonly ordersError = computed(() => {
    const error = this.ordersResource.error() ?? this.encounterResource.error();
    return error ? failureMessage(error) : null;
  });

  private readonly labResource = rxResource({ stream: () => this.ordersApi.labCatalogue() });
  private readonly imagingResource = rxResource({ stream: () => this.ordersApi.imagingCatalogue() });
  protected readonly catalogueFailed = computed(() => this.labResource.error() !== undefined || this.imagingResource.error() !== undefined);

  // ---- order entry ----
  protected readonly category = signal<OrderCategory>('laboratory');
  protected readonly query = signal('');
  protected readonly selected = signal<CatalogueEntry[]>([]);
  protected readonly priority = signal<OrderPriority>('routine');
  /** The reason's ICD-10 code, picked from the catalogue (optional). */
  protected readonly reasonCode = signal<Icd10Code | null>(null);
  protected readonly reasonText = signal('');
  protected readonly clinicalNote = signal('');
  protected readonly placing = signal(false);
  protected readonly fieldErrors = signal<Partial<Record<OrderField | 'other', string[]>>>({});
  protected readonly placeError = signal<Translatable | null>(null);

  private readonly entries = computed<CatalogueEntry[]>(() => {
    if (this.category() === 'laboratory') return this.labResource.hasValue() ? labEntries(this.labResource.value()) : [];
    return this.imagingResource.hasValue() ? imagingEntries(this.imagingResource.value()) : [];
  });
  protected readonly matches = computed(() => {
    const chosen = new Set(this.selected().map((e) => e.serviceCode));
    return filterCatalogue(this.entries(), this.query())
      .filter((e) => !chosen.has(e.serviceCode))
      .slice(0, PICKER_LIMIT);
  });

  // ---- signing ----
  protected readonly signingOrder = signal<OrderDetail | null>(null);
  protected readonly pinOpen = signal(false);
  protected readonly pinBusy = signal(false);
  protected readonly pinLocked = signal(false);
  protected readonly pinRemaining = signal<number | null>(null);
  protected readonly pinProblem = signal<PinDialogProblem | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  // ---- revoke / entered in error ----
  protected readonly cancelling = signal<{ order: OrderDetail; kind: 'revoke' | 'error' } | null>(null);
  protected readonly cancelOpen = signal(false);
  protected readonly cancelReason = signal('');
  protected readonly cancelBusy = signal(false);
  protected readonly cancelError = signal<Translatable | null>(null);
  protected readonly cancelTitle = computed(() =>
    this.cancelling()?.kind === 'error' ? _('doctor.orders.cancel.errorTitle') : _('doctor.orders.cancel.revokeTitle'),
  );

  protected name(text: { vi: string; en: string }): string {
    return this.language() === 'en' ? text.en : text.vi;
  }

  protected memberNames(entry: CatalogueEntry): string {
    return entry.members.map((m) => this.name(m)).join(', ');
  }

  protected reportFlag(report: { critical: boolean; abnormal: boolean }): 'critical' | 'abnormal' | 'normal' {
    return report.critical ? 'critical' : report.abnormal ? 'abnormal' : 'normal';
  }

  protected readonly flagOf = flagOf;

  protected chooseCategory(category: OrderCategory): void {
    if (category === this.category()) return;
    this.category.set(category);
    this.selected.set([]);
    this.query.set('');
    this.fieldErrors.set({});
  }

  protected add(entry: CatalogueEntry): void {
    this.selected.update((list) => [...list, entry]);
    this.fieldErrors.update((e) => ({ ...e, items: undefined }));
  }

  protected remove(entry: CatalogueEntry): void {
    this.selected.update((list) => list.filter((e) => e.serviceCode !== entry.serviceCode));
  }

  protected place(): void {
    if (this.placing()) return;
    this.placeError.set(null);
    this.notice.set(null);
    if (this.selected().length === 0) {
      this.fieldErrors.set({ items: [] });
      return;
    }
    this.fieldErrors.set({});
    const request = buildPlaceRequest({
      category: this.category(),
      priority: this.priority(),
      items: this.selected().map((e) => e.serviceCode),
      reasonCode: this.reasonCode()?.code ?? '',
      reasonText: this.reasonText(),
      clinicalNote: this.clinicalNote(),
    });
    this.placing.set(true);
    this.ordersApi.place(this.encounterId(), request).subscribe({
      next: (order) => {
        this.placing.set(false);
        this.resetEntry();
        this.upsert(order);
        this.notice.set({ key: _('doctor.orders.placed') });
        this.startSigning(order);
      },
      error: (error: unknown) => {
        this.placing.set(false);
        const errors = problemOf(error)?.errors ?? [];
        if (statusOf(error) === 400 && errors.length > 0) {
          const grouped = groupFieldErrors(errors);
          this.fieldErrors.set(grouped);
          if (grouped.other) this.placeError.set(failureMessage(error));
        } else {
          this.placeError.set(failureMessage(error));
        }
      },
    });
  }

  /** "Ký và gửi": asks for the PIN; the signature activates the order. */
  protected startSigning(order: OrderDetail): void {
    this.signingOrder.set(order);
    this.pinProblem.set(null);
    this.pinRemaining.set(null);
    this.pinLocked.set(false);
    this.pinBusy.set(false);
    this.pinOpen.set(true);
  }

  protected submitPin(pin: string): void {
    const order = this.signingOrder();
    if (!order || this.pinBusy()) return;
    this.pinBusy.set(true);
    this.pinProblem.set(null);
    this.ordersApi.activate(order.id, pin).subscribe({
      next: (activated) => {
        this.pinBusy.set(false);
        this.pinOpen.set(false);
        this.signingOrder.set(null);
        this.notice.set({ key: _('doctor.orders.signed') });
        this.upsert(activated);
      },
      error: (error: unknown) => {
        this.pinBusy.set(false);
        const code = statusOf(error) === 0 ? 'network' : (problemCodeOf(error) ?? 'failed');
        const details = problemOf(error);
        if (code === 'wrong_pin') {
          const remaining = details?.['remainingAttempts'];
          this.pinRemaining.set(typeof remaining === 'number' ? remaining : null);
          if (remaining === 0) this.pinLocked.set(true);
        }
        if (code === 'signing_locked') {
          this.pinLocked.set(true);
          return;
        }
        this.pinProblem.set({ code, detail: details?.detail ?? null, fields: (details?.errors ?? []).map((e) => e.field) });
      },
    });
  }

  protected cancelPin(): void {
    this.pinOpen.set(false);
    this.signingOrder.set(null);
  }

  protected startCancel(order: OrderDetail, kind: 'revoke' | 'error'): void {
    this.cancelling.set({ order, kind });
    this.cancelReason.set('');
    this.cancelError.set(null);
    this.cancelOpen.set(true);
  }

  protected confirmCancel(): void {
    const target = this.cancelling();
    if (!target || this.cancelBusy()) return;
    const reason = this.cancelReason().trim();
    if (!reason) {
      this.cancelError.set({ key: _('doctor.orders.cancel.reasonRequired') });
      return;
    }
    this.cancelBusy.set(true);
    const call = target.kind === 'revoke' ? this.ordersApi.revoke(target.order.id, reason) : this.ordersApi.enteredInError(target.order.id, reason);
    call.subscribe({
      next: (cancelled) => {
        this.cancelBusy.set(false);
        this.cancelOpen.set(false);
        this.cancelling.set(null);
        this.upsert(cancelled);
      },
      error: (error: unknown) => {
        this.cancelBusy.set(false);
        const current = problemOf(error)?.['currentStatus'];
        if (statusOf(error) === 409 && typeof current === 'string' && current in ORDER_STATUS_LABELS) {
          this.cancelError.set({ key: _('doctor.orders.cancel.notAllowed') });
          this.ordersResource.reload();
          return;
        }
        this.cancelError.set(failureMessage(error));
      },
    });
  }

  protected canRevoke(order: OrderDetail): boolean {
    return order.status === 'draft' || order.status === 'active';
  }

  protected canMarkError(order: OrderDetail): boolean {
    return order.status === 'draft' || order.status === 'active' || order.status === 'in_progress';
  }

  protected reload(): void {
    this.encounterResource.reload();
    this.ordersResource.reload();
  }

  /** Shows the order as the server returned it, without reading the list again. */
  private upsert(order: OrderDetail): void {
    this.ordersResource.update((list) => {
      const orders = list ?? [];
      return orders.some((o) => o.id === order.id) ? orders.map((o) => (o.id === order.id ? order : o)) : [order, ...orders];
    });
  }

  private resetEntry(): void {
    this.selected.set([]);
    this.query.set('');
    this.priority.set('routine');
    this.reasonCode.set(null);
    this.reasonText.set('');
    this.clinicalNote.set('');
  }
}
