import { computed, inject, Injectable, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { DepartmentRef, VitalSignDefinition } from '@benhan/shared/contracts';
import { AuthService, CareChartApi } from '@benhan/web/data-access';
import { ENTRY_KINDS } from './vital-signs/vital-sign-entry';

/**
 * State the nurse workspace's pages share: the nurse's departments and the one whose ward is shown, and the
 * vital sign definitions (units, plausible and normal ranges) every entry form checks against.
 */
@Injectable()
export class NurseStore {
  private readonly auth = inject(AuthService);
  private readonly careChart = inject(CareChartApi);
  private readonly chosenDepartmentId = signal<string | null>(null);

  readonly departments = computed<DepartmentRef[]>(() => this.auth.currentUser()?.departments ?? []);

  /** The department whose ward is shown: the chosen one while it is still the nurse's, else the first. */
  readonly departmentId = computed<string | null>(() => {
    const chosen = this.chosenDepartmentId();
    const own = this.departments();
    return own.some((d) => d.id === chosen) ? chosen : (own[0]?.id ?? null);
  });

  private readonly definitionsResource = rxResource({ stream: () => this.careChart.vitalSignDefinitions() });
  readonly definitions = computed<VitalSignDefinition[]>(() => (this.definitionsResource.hasValue() ? this.definitionsResource.value() : []));
  readonly definitionsError = this.definitionsResource.error;

  /** The definitions of the entry row's kinds, in the row's order. */
  readonly entryDefinitions = computed<VitalSignDefinition[]>(() => {
    const byKind = new Map(this.definitions().map((d) => [d.kind, d]));
    return ENTRY_KINDS.flatMap((kind) => byKind.get(kind) ?? []);
  });

  selectDepartment(id: string): void {
    this.chosenDepartmentId.set(id);
  }

  reloadDefinitions(): void {
    this.definitionsResource.reload();
  }
}
