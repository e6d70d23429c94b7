import type {
  EncounterType,
  FormCategory,
  InterfaceConnectionState,
  InterfaceDestinationName,
  InterfaceMessageDirection,
  InterfaceMessageStatus,
  SignerRole,
} from '@benhan/shared/contracts';
import { _ } from '@ngx-translate/core';
import type { FormFileProblemCode } from './forms/form-file';
import type { SignerProblem, SignerProblemCode } from './forms/signer-matrix';

/**
 * Translation keys of the contract's enumerations, so templates translate a value with
 * `SIGNER_ROLE_LABELS[role] | translate` and option lists keep the contract's order.
 */
export const SIGNER_ROLE_LABELS: Record<SignerRole, string> = {
  author: _('admin.signerRole.author'),
  head_of_department: _('admin.signerRole.head_of_department'),
  doctor: _('admin.signerRole.doctor'),
  nurse: _('admin.signerRole.nurse'),
  records_officer: _('admin.signerRole.records_officer'),
  director: _('admin.signerRole.director'),
  inspector: _('admin.signerRole.inspector'),
  admin: _('admin.signerRole.admin'),
};

export const ENCOUNTER_TYPE_LABELS: Record<EncounterType, string> = {
  inpatient: _('admin.encounterType.inpatient'),
  outpatient: _('admin.encounterType.outpatient'),
};

export const FORM_CATEGORY_LABELS: Record<FormCategory, string> = {
  medical_record: _('admin.formCategory.medical_record'),
  treatment: _('admin.formCategory.treatment'),
  nursing: _('admin.formCategory.nursing'),
  medication: _('admin.formCategory.medication'),
  consultation: _('admin.formCategory.consultation'),
  procedure: _('admin.formCategory.procedure'),
  request_result: _('admin.formCategory.request_result'),
  discharge: _('admin.formCategory.discharge'),
  transfer: _('admin.formCategory.transfer'),
  summary: _('admin.formCategory.summary'),
};

const SIGNER_PROBLEM_LABELS: Record<Exclude<SignerProblemCode, 'server'>, string> = {
  empty: _('admin.signers.problem.empty'),
  first_not_author: _('admin.signers.problem.first_not_author'),
  role_missing: _('admin.signers.problem.role_missing'),
  label_missing: _('admin.signers.problem.label_missing'),
};

/** A signer-matrix problem as a message; the server's are shown as it wrote them. */
export function signerProblemLabel(problem: SignerProblem): { key: string; params: Record<string, string> } {
  return problem.code === 'server'
    ? { key: _('admin.signers.problem.server'), params: { message: problem.message ?? '' } }
    : { key: SIGNER_PROBLEM_LABELS[problem.code], params: {} };
}

export const FORM_FILE_PROBLEM_LABELS: Record<FormFileProblemCode, string> = {
  not_json: _('admin.upload.problem.not_json'),
  not_object: _('admin.upload.problem.not_object'),
  no_code: _('admin.upload.problem.no_code'),
  no_title: _('admin.upload.problem.no_title'),
  no_schema: _('admin.upload.problem.no_schema'),
};

/** The shared `{ value, labelKey }` options of a select (libs/web/ui), re-exported for this workspace's pages. */
export { optionsOf } from '@benhan/web/ui';

export type Severity = 'success' | 'info' | 'warn' | 'danger' | 'secondary';

export const INTERFACE_STATUS_LABELS: Record<InterfaceMessageStatus, string> = {
  accepted: _('admin.interfaces.status.accepted'),
  quarantined: _('admin.interfaces.status.quarantined'),
  rejected: _('admin.interfaces.status.rejected'),
  pending: _('admin.interfaces.status.pending'),
  delivered: _('admin.interfaces.status.delivered'),
  failed: _('admin.interfaces.status.failed'),
  replayed: _('admin.interfaces.status.replayed'),
};

export const INTERFACE_STATUS_SEVERITY: Record<InterfaceMessageStatus, Severity> = {
  accepted: 'success',
  delivered: 'success',
  quarantined: 'warn',
  rejected: 'danger',
  failed: 'danger',
  pending: 'info',
  replayed: 'secondary',
};

export const INTERFACE_DIRECTION_LABELS: Record<InterfaceMessageDirection, string> = {
  inbound: _('admin.interfaces.direction.inbound'),
  outbound: _('admin.interfaces.direction.outbound'),
};

export const INTERFACE_DIRECTION_ICONS: Record<InterfaceMessageDirection, string> = {
  inbound: 'pi pi-arrow-down-left',
  outbound: 'pi pi-arrow-up-right',
};

export const INTERFACE_DESTINATION_LABELS: Record<InterfaceDestinationName, string> = {
  lis: _('admin.interfaces.destinationName.lis'),
  pacs: _('admin.interfaces.destinationName.pacs'),
};

export const CONNECTION_STATE_LABELS: Record<InterfaceConnectionState, string> = {
  connected: _('admin.interfaces.connection.connected'),
  connecting: _('admin.interfaces.connection.connecting'),
  idle: _('admin.interfaces.connection.idle'),
  disconnected: _('admin.interfaces.connection.disconnected'),
};

/** Connected green, disconnected red; connecting and idle (no message to send) are not a problem. */
export const CONNECTION_STATE_SEVERITY: Record<InterfaceConnectionState, Severity> = {
  connected: 'success',
  connecting: 'secondary',
  idle: 'secondary',
  disconnected: 'danger',
};

/**
 * The interface log's label keys, severities and icons by value, for templates (`label.status(m.status)`): PrimeNG
 * types a table's row `any`, and one object serves the page and the message panel alike.
 */
export const INTERFACE_LABEL_OF = {
  status: (status: InterfaceMessageStatus): string => INTERFACE_STATUS_LABELS[status],
  severity: (status: InterfaceMessageStatus): Severity => INTERFACE_STATUS_SEVERITY[status],
  direction: (direction: InterfaceMessageDirection): string => INTERFACE_DIRECTION_LABELS[direction],
  icon: (direction: InterfaceMessageDirection): string => INTERFACE_DIRECTION_ICONS[direction],
  destination: (name: InterfaceDestinationName): string => INTERFACE_DESTINATION_LABELS[name],
  connection: (state: InterfaceConnectionState): string => CONNECTION_STATE_LABELS[state],
  connectionSeverity: (state: InterfaceConnectionState): Severity => CONNECTION_STATE_SEVERITY[state],
};
