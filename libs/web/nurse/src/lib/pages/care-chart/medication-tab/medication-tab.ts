import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AdministrationStatus, MedicationAdministration, MedicationOrderLine } from '@benhan/shared/contracts';
import { CareChartApi } from '@benhan/web/data-access';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { RadioButton } from 'primeng/radiobutton';
import { TableModule } from 'primeng/table';
import { Textarea } from 'primeng/textarea';
import { DateTimeField } from '../../../components/date-time-field/date-time-field';
import { failureMessage, type Translatable } from '../../../failure-message';
import { optionsOf, ROUTE_LABELS, STATUS_LABELS } from '../../../labels';
import { toTheMinute } from '../../../vital-signs/local-date-time';
import { EncounterContext } from '../encounter-context';
import { type AdministrationForm, type AdministrationProblem, administrationProblems, administrationRequest } from './administration-form';

const PROBLEM_KEYS: Record<AdministrationProblem, string> = {
  status_required: _('nurse.medication.problem.status_required'),
  time_required: _('nurse.medication.problem.time_required'),
  reason_required: _('nurse.medication.problem.reason_required'),
};

/**
 * Medication administration: the orders of the treatment sheets with what was given against each, recording a
 * dose given, held, refused or missed (with the reason), and the list of administrations, where a wrong one is
 * marked entered-in-error.
 */
@Component({
  selector: 'bh-medication-tab',
  imports: [FormsModule, DatePipe, TranslatePipe, DateTimeField, TableModule, Dialog, Message, RadioButton, Textarea, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './medication-tab.html',
  styleUrl: './medication-tab.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MedicationTab {
  private readonly api = inject(CareChartApi);
  private readonly context = inject(EncounterContext);

  protected readonly statusLabels = STATUS_LABELS;
  protected readonly routeLabels = ROUTE_LABELS;
  protected readonly statuses = optionsOf(STATUS_LABELS);

  private readonly ordersResource = rxResource({
    params: () => this.context.encounterId() ?? undefined,
    stream: ({ params }) => this.api.medicationOrders(params),
  });
  private readonly administrationsResource = rxResource({
    params: () => this.context.encounterId() ?? undefined,
    stream: ({ params }) => this.api.medicationAdministrations(params),
  });
  protected readonly orders = computed<MedicationOrderLine[]>(() => (this.ordersResource.hasValue() ? this.ordersResource.value() : []));
  protected readonly administrations = computed<MedicationAdministration[]>(() =>
    this.administrationsResource.hasValue()
      ? [...this.administrationsResource.value()].sort((a, b) => Date.parse(b.administeredAt ?? b.recordedAt) - Date.parse(a.administeredAt ?? a.recordedAt))
      : [],
  );
  protected readonly loading = computed(() => this.ordersResource.isLoading() || this.administrationsResource.isLoading());
  protected readonly loadError = computed(() => {
    const error = this.ordersResource.error() ?? this.administrationsResource.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly recording = signal<MedicationOrderLine | null>(null);
  protected readonly recordOpen = signal(false);
  protected readonly form = signal<AdministrationForm>({ status: 'given', administeredAt: null, reason: '' });
  private readonly submitted = signal(false);
  protected readonly problems = computed(() => {
    if (!this.submitted()) return {};
    const problems = administrationProblems(this.form());
    return Object.fromEntries(Object.entries(problems).map(([field, code]) => [field, PROBLEM_KEYS[code as AdministrationProblem]])) as Partial<
      Record<keyof AdministrationForm, string>
    >;
  });
  protected readonly saving = signal(false);
  protected readonly recordError = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  protected readonly voiding = signal<MedicationAdministration | null>(null);
  protected readonly voidOpen = signal(false);
  protected readonly voidReason = signal('');
  protected readonly voidProblem = signal<Translatable | null>(null);

  protected record(order: MedicationOrderLine): void {
    this.recording.set(order);
    this.form.set({ status: 'given', administeredAt: toTheMinute(new Date()), reason: '' });
    this.submitted.set(false);
    this.recordError.set(null);
    this.notice.set(null);
    this.recordOpen.set(true);
  }

  protected patch(change: Partial<AdministrationForm>): void {
    this.form.update((form) => ({ ...form, ...change }));
  }

  protected setStatus(status: AdministrationStatus): void {
    this.patch({ status });
  }

  protected submit(): void {
    const order = this.recording();
    const encounterId = this.context.encounterId();
    if (!order || !encounterId || this.saving()) return;
    this.submitted.set(true);
    if (Object.keys(administrationProblems(this.form())).length) return;
    this.saving.set(true);
    this.api.recordAdministration(encounterId, administrationRequest(order, this.form())).subscribe({
      next: (administration) => {
        this.saving.set(false);
        this.recordOpen.set(false);
        this.notice.set({ key: _('nurse.medication.saved'), params: { drug: administration.drug } });
        this.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.recordError.set(failureMessage(error));
      },
    });
  }

  protected askEnteredInError(administration: MedicationAdministration): void {
    this.voiding.set(administration);
    this.voidReason.set('');
    this.voidProblem.set(null);
    this.voidOpen.set(true);
  }

  protected confirmEnteredInError(): void {
    const administration = this.voiding();
    const reason = this.voidReason().trim();
    if (!administration) return;
    if (!reason) {
      this.voidProblem.set({ key: _('nurse.flowsheet.reasonRequired') });
      return;
    }
    this.api.markAdministrationEnteredInError(administration.id, { reason }).subscribe({
      next: () => {
        this.voidOpen.set(false);
        this.reload();
      },
      error: (error: unknown) => this.voidProblem.set(failureMessage(error)),
    });
  }

  protected reload(): void {
    this.ordersResource.reload();
    this.administrationsResource.reload();
  }

  /** Table rows are untyped in PrimeNG's templates: these take the enumerations as plain strings. */
  protected routeLabel(route: string): string {
    return (ROUTE_LABELS as Record<string, string>)[route] ?? route;
  }

  protected statusLabel(status: string): string {
    return (STATUS_LABELS as Record<string, string>)[status] ?? status;
  }

  /** The administrations still standing against an order (not entered-in-error). */
  protected standing(order: MedicationOrderLine): MedicationAdministration[] {
    return order.administrations.filter((a) => !a.enteredInError);
  }
}
