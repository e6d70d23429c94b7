import type { AuditAction, AuditEvent } from '@benhan/shared/contracts';
import { BENHAN_SID, SID, type FhirResource } from '../fhir.types';
import { compact, meta, ref } from './common';

export const AUDIT_ACTION_SYSTEM = 'https://benhan.dev/fhir/CodeSystem/audit-action';
const AUTHENTICATION: readonly AuditAction[] = ['login', 'login_failed', 'account_locked', 'logout', 'refresh_reuse', 'client_token', 'client_token_failed'];

/** FHIR AuditEvent.action: C create, R read, U update, E execute (signing, exports, checks…). */
function actionOf(action: AuditAction): 'C' | 'R' | 'U' | 'E' {
  if (/_(read|download)$/.test(action)) return 'R';
  if (/_(create|register|admit)$/.test(action) || action === 'user_created' || action === 'chart_record') return 'C';
  if (/_(update|transfer|discharge|merge)$/.test(action) || action === 'user_updated' || action === 'role_change' || action === 'config_change') return 'U';
  return 'E';
}

/** One link of the hash-chained audit trail (id = its sequence number in the facility's chain). */
export function toFhirAuditEvent(e: AuditEvent): FhirResource {
  return compact({
    resourceType: 'AuditEvent',
    id: String(e.seq),
    meta: meta(1, e.occurredAt),
    type: AUTHENTICATION.includes(e.action)
      ? { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110114', display: 'User Authentication' }
      : { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
    subtype: [{ system: AUDIT_ACTION_SYSTEM, code: e.action }],
    action: actionOf(e.action),
    recorded: e.occurredAt,
    outcome: e.outcome === 'success' ? '0' : '4',
    purposeOfEvent: e.reason ? [{ text: e.reason }] : [],
    agent: [
      compact({
        who: e.actorUsername ? { identifier: { system: SID.username, value: e.actorUsername }, display: e.actorName ?? e.actorUsername } : { display: 'anonymous' },
        role: e.actorRoles.length ? [{ text: e.actorRoles.join(', ') }] : [],
        requestor: true,
        network: e.clientAddress ? { address: e.clientAddress, type: '2' } : null,
      }),
    ],
    source: {
      observer: { display: 'Benhan API' },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: [
      ...(e.patientId
        ? [
            {
              what: ref('Patient', e.patientId),
              type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
              role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
            },
          ]
        : []),
      ...(e.resourceType && e.resourceId
        ? [
            {
              what: { identifier: { system: `${BENHAN_SID}/${e.resourceType}`, value: e.resourceId } },
              type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
              detail: [{ type: 'hash', valueString: e.hash }, ...(e.resourceVersion != null ? [{ type: 'version', valueString: String(e.resourceVersion) }] : [])],
            },
          ]
        : []),
    ],
  });
}
