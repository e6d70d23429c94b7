import type {
  AuditAction,
  AuditOutcome,
  AuditResourceType,
  IntegrityProblem,
  IntegrityReport,
  SignerRole,
} from '@benhan/shared/contracts';
import { _ } from '@ngx-translate/core';

/**
 * Translation keys of the audit contract's enumerations, in plain Vietnamese (or English) for the inspector, so
 * templates translate a value with `labelOf(AUDIT_ACTION_LABELS, action) | translate` and option lists keep the
 * contract's order. A record over the contract's union fails to compile when the contract gains a value.
 */

/** What an audit event records, as a person would say it. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  login: _('inspector.action.login'),
  login_failed: _('inspector.action.login_failed'),
  account_locked: _('inspector.action.account_locked'),
  logout: _('inspector.action.logout'),
  refresh_reuse: _('inspector.action.refresh_reuse'),
  password_reset: _('inspector.action.password_reset'),
  client_token: _('inspector.action.client_token'),
  client_token_failed: _('inspector.action.client_token_failed'),
  user_created: _('inspector.action.user_created'),
  user_updated: _('inspector.action.user_updated'),
  role_change: _('inspector.action.role_change'),
  config_change: _('inspector.action.config_change'),
  break_glass: _('inspector.action.break_glass'),
  access_denied: _('inspector.action.access_denied'),
  patient_read: _('inspector.action.patient_read'),
  patient_register: _('inspector.action.patient_register'),
  patient_update: _('inspector.action.patient_update'),
  patient_merge: _('inspector.action.patient_merge'),
  encounter_read: _('inspector.action.encounter_read'),
  encounter_admit: _('inspector.action.encounter_admit'),
  encounter_transfer: _('inspector.action.encounter_transfer'),
  encounter_discharge: _('inspector.action.encounter_discharge'),
  encounter_update: _('inspector.action.encounter_update'),
  document_read: _('inspector.action.document_read'),
  document_create: _('inspector.action.document_create'),
  document_update: _('inspector.action.document_update'),
  document_sign: _('inspector.action.document_sign'),
  document_countersign: _('inspector.action.document_countersign'),
  document_print: _('inspector.action.document_print'),
  document_export: _('inspector.action.document_export'),
  chart_record: _('inspector.action.chart_record'),
  order_create: _('inspector.action.order_create'),
  order_activate: _('inspector.action.order_activate'),
  order_revoke: _('inspector.action.order_revoke'),
  order_entered_in_error: _('inspector.action.order_entered_in_error'),
  order_read: _('inspector.action.order_read'),
  order_status_change: _('inspector.action.order_status_change'),
  specimen_record: _('inspector.action.specimen_record'),
  imaging_study_record: _('inspector.action.imaging_study_record'),
  result_record: _('inspector.action.result_record'),
  result_read: _('inspector.action.result_read'),
  result_acknowledge: _('inspector.action.result_acknowledge'),
  interface_message_read: _('inspector.action.interface_message_read'),
  interface_message_replay: _('inspector.action.interface_message_replay'),
  signing_enrol: _('inspector.action.signing_enrol'),
  signing_pin_failed: _('inspector.action.signing_pin_failed'),
  signing_locked: _('inspector.action.signing_locked'),
  signing_unlocked: _('inspector.action.signing_unlocked'),
  certificate_revoked: _('inspector.action.certificate_revoked'),
  certificate_imported: _('inspector.action.certificate_imported'),
  trust_anchor_added: _('inspector.action.trust_anchor_added'),
  archive_create: _('inspector.action.archive_create'),
  archive_read: _('inspector.action.archive_read'),
  archive_download: _('inspector.action.archive_download'),
  archive_reopen: _('inspector.action.archive_reopen'),
  archive_loan: _('inspector.action.archive_loan'),
  archive_return: _('inspector.action.archive_return'),
  archive_export: _('inspector.action.archive_export'),
  legal_hold: _('inspector.action.legal_hold'),
  disposal_propose: _('inspector.action.disposal_propose'),
  disposal_decide: _('inspector.action.disposal_decide'),
  access_request_create: _('inspector.action.access_request_create'),
  access_request_release: _('inspector.action.access_request_release'),
  access_request_refuse: _('inspector.action.access_request_refuse'),
  audit_read: _('inspector.action.audit_read'),
  audit_export: _('inspector.action.audit_export'),
  audit_integrity_check: _('inspector.action.audit_integrity_check'),
};

/** The action filter's groups, in the contract's order; every action is in exactly one. */
export interface ActionGroup {
  labelKey: string;
  actions: readonly AuditAction[];
}

export const AUDIT_ACTION_GROUPS: readonly ActionGroup[] = [
  { labelKey: _('inspector.actionGroup.signIn'), actions: ['login', 'login_failed', 'account_locked', 'logout', 'refresh_reuse', 'password_reset', 'client_token', 'client_token_failed'] },
  { labelKey: _('inspector.actionGroup.administration'), actions: ['user_created', 'user_updated', 'role_change', 'config_change'] },
  { labelKey: _('inspector.actionGroup.accessControl'), actions: ['break_glass', 'access_denied'] },
  { labelKey: _('inspector.actionGroup.patients'), actions: ['patient_read', 'patient_register', 'patient_update', 'patient_merge', 'encounter_read', 'encounter_admit', 'encounter_transfer', 'encounter_discharge', 'encounter_update'] },
  { labelKey: _('inspector.actionGroup.documents'), actions: ['document_read', 'document_create', 'document_update', 'document_sign', 'document_countersign', 'document_print', 'document_export', 'chart_record'] },
  { labelKey: _('inspector.actionGroup.orders'), actions: ['order_create', 'order_activate', 'order_revoke', 'order_entered_in_error', 'order_read', 'order_status_change', 'specimen_record', 'imaging_study_record', 'result_record', 'result_read', 'result_acknowledge', 'interface_message_read', 'interface_message_replay'] },
  { labelKey: _('inspector.actionGroup.signing'), actions: ['signing_enrol', 'signing_pin_failed', 'signing_locked', 'signing_unlocked', 'certificate_revoked', 'certificate_imported', 'trust_anchor_added'] },
  { labelKey: _('inspector.actionGroup.records'), actions: ['archive_create', 'archive_read', 'archive_download', 'archive_reopen', 'archive_loan', 'archive_return', 'archive_export', 'legal_hold', 'disposal_propose', 'disposal_decide', 'access_request_create', 'access_request_release', 'access_request_refuse'] },
  { labelKey: _('inspector.actionGroup.audit'), actions: ['audit_read', 'audit_export', 'audit_integrity_check'] },
];

/** What a broken chain's first failure means, in plain words. */
export const INTEGRITY_PROBLEM_LABELS: Record<IntegrityProblem, string> = {
  sequence_gap: _('inspector.integrityProblem.sequence_gap'),
  previous_hash_mismatch: _('inspector.integrityProblem.previous_hash_mismatch'),
  hash_mismatch: _('inspector.integrityProblem.hash_mismatch'),
  checkpoint_head_mismatch: _('inspector.integrityProblem.checkpoint_head_mismatch'),
  checkpoint_signature_invalid: _('inspector.integrityProblem.checkpoint_signature_invalid'),
  checkpoint_missing_event: _('inspector.integrityProblem.checkpoint_missing_event'),
};

/** Whether the action went through. */
export const AUDIT_OUTCOME_LABELS: Record<AuditOutcome, string> = {
  success: _('inspector.outcome.success'),
  failure: _('inspector.outcome.failure'),
};

/** What an event was about. */
export const RESOURCE_TYPE_LABELS: Record<AuditResourceType, string> = {
  patient: _('inspector.resourceType.patient'),
  encounter: _('inspector.resourceType.encounter'),
  document: _('inspector.resourceType.document'),
  version: _('inspector.resourceType.version'),
  signature: _('inspector.resourceType.signature'),
  archive: _('inspector.resourceType.archive'),
  user: _('inspector.resourceType.user'),
  certificate: _('inspector.resourceType.certificate'),
  configuration: _('inspector.resourceType.configuration'),
  access_request: _('inspector.resourceType.access_request'),
  audit: _('inspector.resourceType.audit'),
  chart_entry: _('inspector.resourceType.chart_entry'),
  order: _('inspector.resourceType.order'),
  report: _('inspector.resourceType.report'),
  specimen: _('inspector.resourceType.specimen'),
  imaging_study: _('inspector.resourceType.imaging_study'),
  interface_message: _('inspector.resourceType.interface_message'),
};

/** Who started an integrity check: someone, or the schedule. */
export const INTEGRITY_TRIGGER_LABELS: Record<IntegrityReport['trigger'], string> = {
  on_demand: _('inspector.integrityTrigger.on_demand'),
  scheduled: _('inspector.integrityTrigger.scheduled'),
};

/** Where an integrity check started. */
export const INTEGRITY_MODE_LABELS: Record<IntegrityReport['mode'], string> = {
  checkpoint: _('inspector.integrityMode.checkpoint'),
  genesis: _('inspector.integrityMode.genesis'),
};

/** The role a signer signed in, and the roles of a user. */
export const ROLE_LABELS: Record<SignerRole, string> = {
  author: _('inspector.role.author'),
  head_of_department: _('inspector.role.head_of_department'),
  doctor: _('inspector.role.doctor'),
  nurse: _('inspector.role.nurse'),
  records_officer: _('inspector.role.records_officer'),
  director: _('inspector.role.director'),
  inspector: _('inspector.role.inspector'),
  admin: _('inspector.role.admin'),
};

/** PrimeNG tag colours: green for what is fine, amber for what needs a look, red for what is wrong. */
export type Severity = 'success' | 'info' | 'warn' | 'danger' | 'secondary';

export const OUTCOME_SEVERITY: Record<AuditOutcome, Severity> = { success: 'success', failure: 'danger' };

/** An outcome's tag colour, for untyped table rows. */
export function outcomeSeverity(outcome: AuditOutcome): Severity {
  return OUTCOME_SEVERITY[outcome];
}

/**
 * The translation key of a value, for templates whose rows are untyped (`let-row` of a p-table): indexing a label
 * map with `any` fails strict template checks, a call does not.
 */
export function labelOf<T extends string>(labels: Record<T, string>, value: T): string {
  return labels[value];
}

/** A role's translation key; a role the contract does not know stays as it is (the pipe shows it unchanged). */
export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

/** The shared `{ value, labelKey }` options of a select (libs/web/ui), re-exported for this workspace's pages. */
export { optionsOf } from '@benhan/web/ui';

/** The first characters of a hash or an id, enough to tell them apart on screen (the full value is its title). */
export function shortId(value: string | null | undefined, length = 8): string {
  if (!value) return '';
  return value.length > length ? `${value.slice(0, length)}…` : value;
}
