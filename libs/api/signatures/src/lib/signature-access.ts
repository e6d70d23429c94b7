import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { canonicalJsonBytes, tarArchive, type AuthenticatedPrincipal } from '@benhan/api/core';
import { DocumentsService, type SigningView } from '@benhan/api/documents';
import { EncountersService } from '@benhan/api/encounters';
import { FacilityEntity, PatientAccessService } from '@benhan/api/identity';
import type { SignatureSummary } from '@benhan/shared/contracts';
import { SignatureEntity } from './entities';
import { PkiService } from './pki.service';
import { SignatureQueries, type SignatureFilter } from './signature-queries';
import { SignatureError } from './signatures.errors';

/**
 * Who may read which signature: the rules of the patient it belongs to (department scoping, R10). Reading
 * by signer alone is for the records office, inspectors, and signers reading their own.
 */
@Injectable()
export class SignatureAccess {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly encounters: EncountersService,
    private readonly patients: PatientAccessService,
    private readonly pki: PkiService,
    private readonly queries: SignatureQueries,
    private readonly audit: AuditLog,
  ) {}

  async requireVersion(principal: AuthenticatedPrincipal, versionId: string) {
    const view = await this.documents.signingView(principal.facilityId, versionId);
    if (!view) throw new SignatureError('version_not_found', 'No such document version');
    await this.patients.requirePatientAccess(principal, view.payload.patientId);
    return view;
  }

  async requireDocument(principal: AuthenticatedPrincipal, documentId: string): Promise<void> {
    await this.documents.requireReadable(principal, documentId);
  }

  async requireEncounter(principal: AuthenticatedPrincipal, encounterId: string): Promise<void> {
    const encounter = await this.encounters.require(principal.facilityId, encounterId);
    await this.patients.requirePatientAccess(principal, encounter.patientId);
  }

  async requireSignature(principal: AuthenticatedPrincipal, signatureId: string): Promise<SignatureEntity> {
    const signature = await this.dataSource.getRepository(SignatureEntity).findOneBy({ id: signatureId, facilityId: principal.facilityId });
    if (!signature) throw new SignatureError('signature_not_found', 'No such signature');
    await this.requireVersion(principal, signature.versionId);
    return signature;
  }

  /** The exact signed bytes of a version: its signed payload, canonicalised. */
  async canonical(principal: AuthenticatedPrincipal, versionId: string): Promise<Buffer> {
    const view = await this.requireVersion(principal, versionId);
    const bytes = canonicalJsonBytes(view.payload);
    await this.recordRead(principal, view, { view: 'canonical' });
    return bytes;
  }

  async listFilter(principal: AuthenticatedPrincipal, query: { patient?: string; document?: string; signer?: string }): Promise<SignatureFilter> {
    if (query.document) await this.requireDocument(principal, query.document);
    if (query.patient) await this.patients.requirePatientAccess(principal, query.patient);
    if (!query.document && !query.patient) {
      const facilityWide = principal.kind === 'user' && principal.roles.some((r) => r === 'records_officer' || r === 'inspector');
      const own = principal.kind === 'user' && query.signer === principal.userId;
      if (!facilityWide && !own) {
        throw new SignatureError('signature_not_found', 'Name a patient or a document (or yourself as signer)', {}, [{ field: 'patient', message: 'patient, document or your own signer id is required' }]);
      }
    }
    return { patientId: query.patient, documentId: query.document, signerId: query.signer };
  }

  listVisible(principal: AuthenticatedPrincipal, filter: SignatureFilter, limit = 500): Promise<SignatureSummary[]> {
    return this.queries.list(principal.facilityId, filter, limit);
  }

  async chainOf(signature: SignatureEntity): Promise<string> {
    const [certificate] = (await this.dataSource.query(`SELECT certificate_pem FROM signing_certificates WHERE id = $1`, [signature.certificateId])) as { certificate_pem: string }[];
    return `${certificate.certificate_pem.trim()}\n${signature.chainPem.trim()}\n`;
  }

  /**
   * Everything an outsider needs to check one signature with OpenSSL alone: the signed bytes, the signature,
   * the certificate chain up to the root, and the command.
   */
  async kit(principal: AuthenticatedPrincipal, signature: SignatureEntity): Promise<Buffer> {
    const view = await this.requireVersion(principal, signature.versionId);
    const base = `${view.payload.formCode.replace(/\//g, '-')}-v${view.payload.versionNumber}`;
    const names = { content: `${base}.json`, signature: `${base}-step${signature.step}.p7s`, chain: 'chain.pem' };
    const chain = await this.chainOf(signature);
    const roots = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const readme = [
      `Benhan verification kit: signature ${signature.id}, step ${signature.step} (${signature.role}) of version ${view.payload.versionNumber} of document ${view.payload.documentId}.`,
      `${names.content}: the exact signed bytes (RFC 8785 canonical JSON). ${names.signature}: the CMS/CAdES detached signature (DER). root.pem: the root CA; chain.pem: signer, issuing CA, root.`,
      '',
      'Verify (OpenSSL 3):',
      `  openssl cms -verify -cades -binary -inform DER -in ${names.signature} -content ${names.content} -CAfile root.pem -purpose any -out /dev/null`,
      'It prints "CMS Verification successful"; any change to the JSON makes it fail. Inspect the signature and its time-stamp:',
      `  openssl cms -cmsout -print -inform DER -in ${names.signature}`,
      '',
    ].join('\n');
    const kit = tarArchive([
      { name: names.content, content: canonicalJsonBytes(view.payload) },
      { name: names.signature, content: signature.cmsDer },
      { name: names.chain, content: chain },
      { name: 'root.pem', content: `${roots[roots.length - 1] ?? ''}\n` },
      { name: 'README.txt', content: readme },
    ]);
    // The kit holds the version's signed content: a read of that version.
    await this.recordRead(principal, view, { view: 'verification_kit', signatureId: signature.id });
    return kit;
  }

  private async recordRead(principal: AuthenticatedPrincipal, view: SigningView, detail: Record<string, unknown>): Promise<void> {
    await this.audit.recordNow({
      action: 'document_read',
      actor: principal,
      resource: { type: 'version', id: view.payload.versionId, version: view.payload.versionNumber },
      patientId: view.payload.patientId,
      detail: { documentId: view.payload.documentId, formCode: view.payload.formCode, ...detail },
    });
  }

  /** Public endpoints name no facility: a deployment serves one (its oldest). */
  async defaultChain(): Promise<string> {
    return this.pki.chainPem(await this.defaultFacilityId());
  }

  async defaultCrl(): Promise<Buffer> {
    return this.pki.crl(await this.defaultFacilityId());
  }

  async defaultRootCrl(): Promise<Buffer> {
    return this.pki.rootCrl(await this.defaultFacilityId());
  }

  private async defaultFacilityId(): Promise<string> {
    const [facility] = await this.dataSource.getRepository(FacilityEntity).find({ order: { createdAt: 'ASC' }, take: 1 });
    if (!facility) throw new SignatureError('pki_not_ready', 'No facility has been set up yet');
    return facility.id;
  }
}
