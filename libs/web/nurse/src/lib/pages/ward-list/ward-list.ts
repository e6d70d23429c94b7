import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { CensusEntry, VitalSignKind, VitalSignObservation } from '@benhan/shared/contracts';
import { CareChartApi, EncountersApi } from '@benhan/web/data-access';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { TableModule } from 'primeng/table';
import { catchError, forkJoin, map, type Observable, of } from 'rxjs';
import { failureMessage } from '../../failure-message';
import { flagLabel, KIND_SHORT_LABELS } from '../../labels';
import { NurseStore } from '../../nurse.store';
import { latestByKind } from '../../vital-signs/vital-sign-entry';
import { ageOf, bedOf, byBed } from '../../ward';

/** How far back the ward list looks for each patient's latest vital signs. */
const LATEST_WINDOW_MS = 3 * 24 * 3_600_000;

type Latest = Partial<Record<VitalSignKind, VitalSignObservation>>;

/**
 * The ward of one of the nurse's departments (`/nurse`): each inpatient by bed with age, day of stay and the
 * latest vital signs (abnormal ones flagged), each opening the patient's care chart.
 */
@Component({
  selector: 'bh-ward-list',
  imports: [FormsModule, RouterLink, DatePipe, TranslatePipe, TableModule, Select, Message, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './ward-list.html',
  styleUrl: './ward-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WardList {
  private readonly store = inject(NurseStore);
  private readonly encounters = inject(EncountersApi);
  private readonly careChart = inject(CareChartApi);

  protected readonly departments = this.store.departments;
  protected readonly departmentId = this.store.departmentId;
  protected readonly bedOf = bedOf;
  protected readonly ageOf = ageOf;
  protected readonly flagLabel = flagLabel;
  protected readonly labels = KIND_SHORT_LABELS;

  private readonly census = rxResource({
    params: () => this.departmentId() ?? undefined,
    stream: ({ params }) => this.encounters.census(params),
  });
  protected readonly entries = computed<CensusEntry[]>(() => (this.census.hasValue() ? [...this.census.value()].sort(byBed) : []));
  protected readonly loading = this.census.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.census.error();
    return error ? failureMessage(error) : null;
  });

  /** Latest vital signs per encounter; a patient whose flowsheet fails to load just shows none. */
  private readonly latest = rxResource({
    params: () => (this.census.hasValue() ? this.census.value().map((e) => e.encounterId) : undefined),
    stream: ({ params }) => this.latestOf(params),
  });
  protected readonly latestByEncounter = computed(() => (this.latest.hasValue() ? this.latest.value() : new Map<string, Latest>()));

  protected selectDepartment(id: string): void {
    this.store.selectDepartment(id);
  }

  protected reload(): void {
    this.census.reload();
  }

  private latestOf(encounterIds: string[]): Observable<Map<string, Latest>> {
    if (encounterIds.length === 0) return of(new Map());
    const from = new Date(Date.now() - LATEST_WINDOW_MS).toISOString();
    return forkJoin(
      encounterIds.map((id) =>
        this.careChart.flowsheet(id, { from }).pipe(
          map((sheet) => [id, latestByKind(sheet.observations)] as const),
          catchError(() => of([id, {} as Latest] as const)),
        ),
      ),
    ).pipe(map((pairs) => new Map(pairs)));
  }
}
