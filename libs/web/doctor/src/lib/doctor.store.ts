import { computed, inject, Injectable, signal } from '@angular/core';
import type { DepartmentRef } from '@benhan/shared/contracts';
import { AuthService } from '@benhan/web/data-access';

/**
 * State the doctor workspace's pages share: the departments the doctor works in (from the session) and the one
 * the ward census shows, kept while the doctor moves between pages.
 */
@Injectable()
export class DoctorStore {
  private readonly auth = inject(AuthService);
  private readonly chosenDepartmentId = signal<string | null>(null);

  /** The signed-in doctor's own departments: admissions go there, and `/api/wards` lists their wards. */
  readonly departments = computed<DepartmentRef[]>(() => this.auth.currentUser()?.departments ?? []);

  /** The department whose census is shown: the chosen one while it is still the doctor's, else the first. */
  readonly departmentId = computed<string | null>(() => {
    const chosen = this.chosenDepartmentId();
    const own = this.departments();
    return own.some((d) => d.id === chosen) ? chosen : (own[0]?.id ?? null);
  });

  selectDepartment(id: string): void {
    this.chosenDepartmentId.set(id);
  }
}
