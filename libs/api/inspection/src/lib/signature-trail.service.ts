import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@benhan/api/core';
import { AuditLog } from '@benhan/api/audit';
import { SignatureQueries, ValidationService } from '@benhan/api/signatures';
import type { Page, SignatureTrailEntry, SignatureTrailQuery } from '@benhan/shared/contracts';
import { toCsv } from './csv';

/**
 * The inspector's signature trail: who signed which version, in which role, when (the signer's clock and
 * the time-stamp), why each amendment was written, and whether each signature still verifies — now.
 */
@Injectable()
export class SignatureTrailService {
  constructor(
    private readonly queries: SignatureQueries,
    private readonly validation: ValidationService,
    private readonly audit: AuditLog,
  ) {}

  async trail(user: UserPrincipal, query: SignatureTrailQuery): Promise<Page<SignatureTrailEntry>> {
    const page = await this.queries.trail(user.facilityId, query);
    const items: SignatureTrailEntry[] = [];
    for (const row of page.items) {
      const report = await this.validation.report(user.facilityId, row.signatureId);
      items.push({ ...row, indication: report.indication, indicationReason: report.reason });
    }
    // Reading a patient's signature trail is reading their record.
    if (query.patient) await this.audit.recordNow({ action: 'audit_read', resource: { type: 'patient', id: query.patient }, patientId: query.patient, detail: { view: 'signature_trail' } });
    return { ...page, items };
  }

  /** The trail as CSV (UTF-8 with BOM, so spreadsheet programs read the Vietnamese names), recorded as an export. */
  async csv(user: UserPrincipal, query: SignatureTrailQuery, reason: string): Promise<Buffer> {
    const page = await this.trail(user, { ...query, limit: 5000, offset: 0 });
    await this.audit.recordNow({
      action: 'document_export',
      resource: query.patient ? { type: 'patient', id: query.patient } : null,
      patientId: query.patient ?? null,
      reason,
      detail: { export: 'signature_trail_csv', rows: page.items.length, filter: { ...query } },
    });
    const header = ['signedAt', 'timestampedAt', 'patient', 'document', 'formCode', 'version', 'amendmentReason', 'signer', 'role', 'step', 'certificateSerial', 'indication', 'indicationReason', 'signatureId', 'versionId'];
    return toCsv(
      header,
      page.items.map((e) => [e.signedAt, e.timestampedAt, e.patientName, e.documentTitle, e.formCode, e.versionNumber, e.amendmentReason, e.signerName, e.role, e.step, e.certificateSerial, e.indication, e.indicationReason, e.signatureId, e.versionId]),
    );
  }
}
