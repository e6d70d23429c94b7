import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { CensusEntry, EncounterDetail } from '@benhan/shared/contracts';
import { EncountersApi } from '@benhan/web/data-access';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { TableModule } from 'primeng/table';
import { DischargeDialog } from '../../components/discharge-dialog/discharge-dialog';
import { TransferDialog } from '../../components/transfer-dialog/transfer-dialog';
import { DoctorStore } from '../../doctor.store';
import { failureMessage, type Translatable } from '../../failure-message';
import { sexLabel } from '../../labels';

/**
 * The ward census of one of the doctor's departments (`/doctor/census`): who is in which bed, since when, under
 * which doctor and diagnoses, with the transfer and discharge of each patient.
 */
@Component({
  selector: 'bh-ward-census',
  imports: [
    FormsModule,
    RouterLink,
    DatePipe,
    TranslatePipe,
    TableModule,
    Select,
    Message,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    TransferDialog,
    DischargeDialog,
  ],
  templateUrl: './ward-census.html',
  styleUrl: './ward-census.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WardCensus {
  private readonly store = inject(DoctorStore);
  private readonly encounters = inject(EncountersApi);

  protected readonly departments = this.store.departments;
  protected readonly departmentId = this.store.departmentId;
  protected readonly sexLabel = sexLabel;

  private readonly census = rxResource({
    params: () => this.departmentId() ?? undefined,
    stream: ({ params }) => this.encounters.census(params),
  });
  protected readonly entries = computed<CensusEntry[]>(() =>
    this.census.hasValue() ? [...this.census.value()].sort(byBed) : [],
  );
  protected readonly loading = this.census.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.census.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly transferEntry = signal<CensusEntry | null>(null);
  protected readonly transferOpen = signal(false);
  protected readonly dischargeEntry = signal<CensusEntry | null>(null);
  protected readonly dischargeOpen = signal(false);
  protected readonly notice = signal<Translatable | null>(null);

  protected selectDepartment(id: string): void {
    this.store.selectDepartment(id);
  }

  protected transfer(entry: CensusEntry): void {
    this.notice.set(null);
    this.transferEntry.set(entry);
    this.transferOpen.set(true);
  }

  protected discharge(entry: CensusEntry): void {
    this.notice.set(null);
    this.dischargeEntry.set(entry);
    this.dischargeOpen.set(true);
  }

  protected onTransferred(encounter: EncounterDetail): void {
    this.notice.set({
      key: _('doctor.transfer.done'),
      params: { patient: encounter.patientName, department: encounter.departmentName },
    });
    this.census.reload();
  }

  protected onDischarged(encounter: EncounterDetail): void {
    this.notice.set({ key: _('doctor.discharge.done'), params: { patient: encounter.patientName } });
    this.census.reload();
  }

  protected reload(): void {
    this.census.reload();
  }

  /** The bed code, after the ward's unless the bed code already starts with it (`P1-G01`). */
  protected bedOf(entry: CensusEntry): string {
    const { wardCode, bedCode } = entry;
    if (!bedCode) return wardCode ?? '';
    return wardCode && !bedCode.startsWith(wardCode) ? `${wardCode} · ${bedCode}` : bedCode;
  }

  protected diagnosesOf(entry: CensusEntry): string {
    return entry.diagnoses.map((d) => `${d.code} ${d.title}`).join('; ');
  }
}

/** Ward, then bed, then name: the order a ward round walks; patients without a bed last. */
function byBed(a: CensusEntry, b: CensusEntry): number {
  const placed = (e: CensusEntry) => (e.bedCode ? 0 : 1);
  const bed = (e: CensusEntry) => `${e.wardCode ?? ''} ${e.bedCode ?? ''}`;
  return (
    placed(a) - placed(b) ||
    bed(a).localeCompare(bed(b), 'vi', { numeric: true }) ||
    a.patientName.localeCompare(b.patientName, 'vi')
  );
}
