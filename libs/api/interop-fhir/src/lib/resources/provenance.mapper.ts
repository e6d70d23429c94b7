import type { SignatureSummary } from '@benhan/shared/contracts';
import type { FhirResource } from '../fhir.types';
import { concept, meta, ref } from './common';

const PARTICIPANT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';
const SIGNATURE_TYPE = 'urn:iso-astm:E1762-95:2013';

/**
 * A signature of a document version as a Provenance: the target is that version's DocumentReference
 * (versioned reference), the agent the signer with the role the signer matrix gave, and `signature` carries
 * the CMS/CAdES detached SignedData (DER, base64) over the version's canonical JSON.
 */
export function toFhirProvenance(s: SignatureSummary, cms: Buffer): FhirResource {
  const author = s.step === 1;
  const signer = ref('Practitioner', s.signerId, s.signerName || null);
  return {
    resourceType: 'Provenance',
    id: s.id,
    meta: meta(1, s.signedAt),
    target: [{ reference: `DocumentReference/${s.documentId}/_history/${s.versionNumber}` }],
    recorded: s.signedAt,
    agent: [
      {
        type: concept(author ? { system: PARTICIPANT_TYPE, code: 'author', display: 'Author' } : { system: PARTICIPANT_TYPE, code: 'attester', display: 'Attester' }),
        role: [{ text: s.role }],
        who: signer,
      },
    ],
    signature: [
      {
        type: [author ? { system: SIGNATURE_TYPE, code: '1.2.840.10065.1.12.1.1', display: "Author's Signature" } : { system: SIGNATURE_TYPE, code: '1.2.840.10065.1.12.1.5', display: 'Verification Signature' }],
        when: s.signedAt,
        who: signer,
        targetFormat: 'application/json',
        sigFormat: 'application/pkcs7-signature',
        data: cms.toString('base64'),
      },
    ],
  };
}
