import { problemCodeOf } from '@benhan/web/data-access';
import { _ } from '@ngx-translate/core';
import { failureMessage, type Translatable } from './failure-message';

/** The archive's refusals that have a message of their own in the records workspace. */
const PROBLEM_KEYS: Record<string, string> = {
  already_archived: _('records.problem.already_archived'),
  encounter_in_progress: _('records.problem.encounter_in_progress'),
  archive_conflict: _('records.problem.archive_conflict'),
  four_eyes: _('records.problem.four_eyes'),
  disposal_decided: _('records.problem.disposal_decided'),
  disposal_open: _('records.problem.disposal_open'),
  legal_hold: _('records.problem.legal_hold'),
  retention_not_expired: _('records.problem.retention_not_expired'),
  archive_disposed: _('records.problem.archive_disposed'),
  not_reopenable: _('records.problem.not_reopenable'),
  loan_returned: _('records.problem.loan_returned'),
};

/** The message of an archive call's failure: its own for a known problem code, else the general one. */
export function archiveFailure(error: unknown): Translatable {
  const key = PROBLEM_KEYS[problemCodeOf(error) ?? ''];
  return key ? { key } : failureMessage(error);
}
