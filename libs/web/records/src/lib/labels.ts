import type {
  AccessRequesterRelationship,
  AccessRequestScope,
  AccessRequestStatus,
  ArchiveAccessKind,
  ArchiveStatus,
  DisposalStatus,
  EncounterType,
  FixityOutcome,
  FixityRun,
  RetentionCategory,
} from '@benhan/shared/contracts';
import type { DischargeQueueScope } from '@benhan/web/data-access';
import { _ } from '@ngx-translate/core';

/**
 * Translation keys of the contract's enumerations, so templates translate a value with
 * `ARCHIVE_STATUS_LABELS[status] | translate` and option lists keep the contract's order.
 */
export const RETENTION_CATEGORY_LABELS: Record<RetentionCategory, string> = {
  medical_incident: _('records.retentionCategory.medical_incident'),
  occupational_accident: _('records.retentionCategory.occupational_accident'),
  traffic_accident: _('records.retentionCategory.traffic_accident'),
  transplant: _('records.retentionCategory.transplant'),
  cosmetic_surgery: _('records.retentionCategory.cosmetic_surgery'),
  mental_illness: _('records.retentionCategory.mental_illness'),
  death: _('records.retentionCategory.death'),
};

export const ARCHIVE_STATUS_LABELS: Record<ArchiveStatus, string> = {
  stored: _('records.archiveStatus.stored'),
  superseded: _('records.archiveStatus.superseded'),
  disposed: _('records.archiveStatus.disposed'),
};

export const FIXITY_OUTCOME_LABELS: Record<FixityOutcome, string> = {
  ok: _('records.fixityOutcome.ok'),
  missing: _('records.fixityOutcome.missing'),
  changed: _('records.fixityOutcome.changed'),
};

export const FIXITY_TRIGGER_LABELS: Record<FixityRun['trigger'], string> = {
  schedule: _('records.fixityTrigger.schedule'),
  manual: _('records.fixityTrigger.manual'),
  command: _('records.fixityTrigger.command'),
};

export const ACCESS_KIND_LABELS: Record<ArchiveAccessKind, string> = {
  download: _('records.accessKind.download'),
  verify: _('records.accessKind.verify'),
  loan: _('records.accessKind.loan'),
  return: _('records.accessKind.return'),
};

export const DISPOSAL_STATUS_LABELS: Record<DisposalStatus, string> = {
  proposed: _('records.disposalStatus.proposed'),
  approved: _('records.disposalStatus.approved'),
  rejected: _('records.disposalStatus.rejected'),
};

export const QUEUE_SCOPE_LABELS: Record<DischargeQueueScope, string> = {
  pending: _('records.queue.scope.pending'),
  archived: _('records.queue.scope.archived'),
  all: _('records.queue.scope.all'),
};

export const ENCOUNTER_TYPE_LABELS: Record<EncounterType, string> = {
  inpatient: _('records.encounterType.inpatient'),
  outpatient: _('records.encounterType.outpatient'),
};

/** Who asks for access to a record (R12). */
export const RELATIONSHIP_LABELS: Record<AccessRequesterRelationship, string> = {
  self: _('records.relationship.self'),
  legal_representative: _('records.relationship.legal_representative'),
  family_representative: _('records.relationship.family_representative'),
};

/** What an access request asks for. */
export const ACCESS_SCOPE_LABELS: Record<AccessRequestScope, string> = {
  summary: _('records.accessScope.summary'),
  read: _('records.accessScope.read'),
  copy: _('records.accessScope.copy'),
};

export const ACCESS_REQUEST_STATUS_LABELS: Record<AccessRequestStatus, string> = {
  received: _('records.accessRequestStatus.received'),
  released: _('records.accessRequestStatus.released'),
  refused: _('records.accessRequestStatus.refused'),
};

/** PrimeNG tag colours: green for what is fine, amber for what needs a look, red for what is wrong. */
export type Severity = 'success' | 'info' | 'warn' | 'danger' | 'secondary';

export const ARCHIVE_STATUS_SEVERITY: Record<ArchiveStatus, Severity> = { stored: 'success', superseded: 'secondary', disposed: 'danger' };
export const FIXITY_OUTCOME_SEVERITY: Record<FixityOutcome, Severity> = { ok: 'success', missing: 'danger', changed: 'danger' };
export const DISPOSAL_STATUS_SEVERITY: Record<DisposalStatus, Severity> = { proposed: 'warn', approved: 'danger', rejected: 'secondary' };
export const ACCESS_REQUEST_STATUS_SEVERITY: Record<AccessRequestStatus, Severity> = { received: 'warn', released: 'success', refused: 'secondary' };

/** A tag's text (translation key) and colour. */
export interface TagView {
  labelKey: string;
  severity: Severity;
}

/**
 * The translation key of a value, for templates whose rows are untyped (`let-row` of a p-table): indexing a label
 * map with `any` fails strict template checks, a call does not.
 */
export function labelOf<T extends string>(labels: Record<T, string>, value: T): string {
  return labels[value];
}

export function archiveStatusTag(status: ArchiveStatus): TagView {
  return { labelKey: ARCHIVE_STATUS_LABELS[status], severity: ARCHIVE_STATUS_SEVERITY[status] };
}

export function fixityTag(outcome: FixityOutcome): TagView {
  return { labelKey: FIXITY_OUTCOME_LABELS[outcome], severity: FIXITY_OUTCOME_SEVERITY[outcome] };
}

export function disposalStatusTag(status: DisposalStatus): TagView {
  return { labelKey: DISPOSAL_STATUS_LABELS[status], severity: DISPOSAL_STATUS_SEVERITY[status] };
}

export function accessRequestStatusTag(status: AccessRequestStatus): TagView {
  return { labelKey: ACCESS_REQUEST_STATUS_LABELS[status], severity: ACCESS_REQUEST_STATUS_SEVERITY[status] };
}

/** The shared `{ value, labelKey }` options of a select (libs/web/ui), re-exported for this workspace's pages. */
export { optionsOf } from '@benhan/web/ui';

/** 1536 → "1,5 KB": file sizes as a person reads them (binary units, one decimal, Vietnamese comma). */
export function fileSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toFixed(1).replace('.', ',').replace(/,0$/, '');
  return `${text} ${units[unit]}`;
}
