import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '@benhan/api/identity';
import type { SignatureSummary } from '@benhan/shared/contracts';
import { SignatureError } from './signatures.errors';

export interface SignatureFilter {
  signatureId?: string;
  patientId?: string;
  documentId?: string;
  encounterId?: string;
  versionId?: string;
  signerId?: string;
}

interface SummaryRow {
  id: string;
  version_id: string;
  document_id: string;
  encounter_id: string;
  patient_id: string;
  form_code: string;
  number: number;
  step: number;
  role: SignatureSummary['role'];
  signer_id: string;
  signing_time: Date;
  timestamped_at: Date | null;
  certificate_serial: string;
}

/** Reading signatures with the document they belong to (one query, no N+1). */
@Injectable()
export class SignatureQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async list(facilityId: string, filter: SignatureFilter, limit = 500): Promise<SignatureSummary[]> {
    const where = ['s.facility_id = $1'];
    const params: unknown[] = [facilityId];
    const add = (column: string, value: string | undefined) => {
      if (value) where.push(`${column} = $${params.push(value)}`);
    };
    add('s.id', filter.signatureId);
    add('d.patient_id', filter.patientId);
    add('d.id', filter.documentId);
    add('d.encounter_id', filter.encounterId);
    add('s.version_id', filter.versionId);
    add('s.signer_id', filter.signerId);
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.version_id, v.document_id, d.encounter_id, d.patient_id, v.form_code, v.number, s.step, s.role, s.signer_id,
              s.signing_time, s.timestamped_at, s.certificate_serial
         FROM signatures s JOIN document_versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id
        WHERE ${where.join(' AND ')}
        ORDER BY s.signing_time, s.step
        LIMIT ${Number(limit)}`,
      params,
    )) as SummaryRow[];
    const names = await this.users.displayNames([...new Set(rows.map((r) => r.signer_id))]);
    return rows.map((r) => ({
      id: r.id,
      versionId: r.version_id,
      documentId: r.document_id,
      encounterId: r.encounter_id,
      patientId: r.patient_id,
      formCode: r.form_code,
      versionNumber: r.number,
      step: r.step,
      role: r.role,
      signerId: r.signer_id,
      signerName: names.get(r.signer_id) ?? '',
      signedAt: r.signing_time.toISOString(),
      timestampedAt: r.timestamped_at?.toISOString() ?? null,
      certificateSerial: r.certificate_serial,
    }));
  }

  async summary(facilityId: string, signatureId: string): Promise<SignatureSummary> {
    const [summary] = await this.list(facilityId, { signatureId }, 1);
    if (!summary) throw new SignatureError('signature_not_found', 'No such signature');
    return summary;
  }
}
