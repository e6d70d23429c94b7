import { computed, inject, Injectable } from '@angular/core';
import type { UserRole } from '@benhan/shared/contracts';
import { AuthService } from '@benhan/web/data-access';

/**
 * What the signed-in user may do in the records workspace: the records office archives, lends, holds, re-opens,
 * proposes disposals, runs fixity checks and exports; the director decides disposals and reads the rest.
 * The server checks every call again; this only hides what would be refused.
 */
@Injectable()
export class RecordsStore {
  private readonly auth = inject(AuthService);
  private readonly roles = computed<UserRole[]>(() => this.auth.currentUser()?.roles ?? []);

  readonly isRecordsOfficer = computed(() => this.roles().includes('records_officer'));
  readonly isDirector = computed(() => this.roles().includes('director'));
}

/** A director who is not also in the records office: the workspace opens on the disposals waiting for a decision. */
export function isDirectorOnly(roles: readonly UserRole[]): boolean {
  return roles.includes('director') && !roles.includes('records_officer');
}
