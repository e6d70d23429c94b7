import type { FhirResource } from '../fhir.types';
import { SID } from '../fhir.types';
import { compact, concept, iso, meta, ref } from './common';

export interface DocumentVersionRow {
  id: string;
  version_id: string;
  number: number;
  is_current: boolean;
  form_code: string;
  title: string | null;
  author_id: string;
  author_name: string | null;
  reason: string | null;
  content_hash: string;
  effective_at: Date;
  signed_at: Date;
  encounter_id: string;
  patient_id: string;
}

/**
 * A signed document version as a DocumentReference. The resource id is the document's and versionId the version
 * number: read gives the current (latest signed) version, vread any earlier one (status superseded). The PDF and
 * the canonical JSON the signatures cover are the attachments; Attachment.hash is SHA-1 by definition, so the
 * SHA-256 of the canonical content is given as an identifier instead.
 */
export function toFhirDocumentReference(v: DocumentVersionRow, apiBase: string): FhirResource {
  const title = v.title ?? v.form_code;
  return compact({
    resourceType: 'DocumentReference',
    id: v.id,
    meta: meta(v.number, v.signed_at),
    masterIdentifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${v.version_id}` },
    identifier: [{ system: SID.contentSha256, value: v.content_hash }],
    status: v.is_current ? 'current' : 'superseded',
    docStatus: v.number > 1 ? 'amended' : 'final',
    type: concept({ system: SID.formCode, code: v.form_code }, title),
    subject: ref('Patient', v.patient_id),
    date: iso(v.signed_at),
    author: [ref('Practitioner', v.author_id, v.author_name)],
    description: v.reason,
    relatesTo: v.number > 1 ? [{ code: 'replaces', target: { reference: `DocumentReference/${v.id}/_history/${v.number - 1}` } }] : [],
    content: [
      { attachment: { contentType: 'application/pdf', language: 'vi', url: `${apiBase}/versions/${v.version_id}/pdf`, title: `${title} (v${v.number}).pdf` } },
      {
        attachment: {
          contentType: 'application/json',
          url: `${apiBase}/versions/${v.version_id}/canonical`,
          title: `Signed content, RFC 8785 canonical JSON; content SHA-256 ${v.content_hash}`,
        },
      },
    ],
    context: { encounter: [ref('Encounter', v.encounter_id)], period: { start: iso(v.effective_at) } },
  });
}
