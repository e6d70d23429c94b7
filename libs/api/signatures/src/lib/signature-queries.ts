import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersService } from '@benhan/api/identity';
import type { Page, SignatureSummary, SignatureTrailEntry, SignatureTrailQuery } from '@benhan/shared/contracts';
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

interface TrailExtra {
  amendment_reason: string | null;
  version_created_at: Date;
  author_id: string;
  document_title: string;
  patient_name: string;
  total: string;
}

/** A signature trail entry before validation (the inspection domain adds the indication). */
export type TrailRow = Omit<SignatureTrailEntry, 'indication' | 'indicationReason'>;

/** Reading signatures with the document they belong to (one query, no N+1). */
@Injectable()
export class SignatureQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  /** Every signature of every facility, oldest first (ids only): what a restore drill validates again. */
  async everySignature(): Promise<{ id: string; facilityId: string }[]> {
    const rows = (await this.dataSource.query(`SELECT id, facility_id FROM signatures ORDER BY facility_id, signing_time, id`)) as { id: string; facility_id: string }[];
    return rows.map((r) => ({ id: r.id, facilityId: r.facility_id }));
  }

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

  /**
   * The inspector's signature trail: every signature in scope with the version it signs (number, author,
   * amendment reason) and the document and patient it belongs to, newest or oldest first, one query.
   */
  async trail(facilityId: string, q: SignatureTrailQuery): Promise<Page<TrailRow>> {
    const where = ['s.facility_id = $1'];
    const params: unknown[] = [facilityId];
    const add = (sql: string, value: unknown) => {
      if (value) where.push(sql.replace('?', `$${params.push(value)}`));
    };
    add('d.patient_id = ?', q.patient);
    add('d.encounter_id = ?', q.encounter);
    add('d.id = ?', q.document);
    add('s.signer_id = ?', q.signer);
    add('s.signing_time >= ?', q.from ? new Date(q.from) : undefined);
    add('s.signing_time < ?', q.to ? new Date(q.to) : undefined);
    const limit = Math.min(Number(q.limit ?? 50), 5000);
    const offset = Number(q.offset ?? 0);
    const order = q.sort === 'signedAt' ? 'ASC' : 'DESC';
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.version_id, v.document_id, d.encounter_id, d.patient_id, v.form_code, v.number, s.step, s.role, s.signer_id,
              s.signing_time, s.timestamped_at, s.certificate_serial, v.reason AS amendment_reason, v.created_at AS version_created_at,
              v.author_id, COALESCE(d.title, f.title_vi, v.form_code) AS document_title, p.full_name AS patient_name,
              count(*) OVER () AS total
         FROM signatures s JOIN document_versions v ON v.id = s.version_id JOIN documents d ON d.id = v.document_id
         JOIN patients p ON p.id = d.patient_id
         LEFT JOIN form_versions f ON f.code = v.form_code AND f.version = v.schema_version
        WHERE ${where.join(' AND ')}
        ORDER BY s.signing_time ${order}, s.step ${order}
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    )) as (SummaryRow & TrailExtra)[];
    const names = await this.users.displayNames([...new Set(rows.flatMap((r) => [r.signer_id, r.author_id]))]);
    return {
      items: rows.map((r) => ({
        signatureId: r.id,
        documentId: r.document_id,
        documentTitle: r.document_title,
        formCode: r.form_code,
        versionId: r.version_id,
        versionNumber: r.number,
        amendmentReason: r.number > 1 ? r.amendment_reason : null,
        versionAuthorName: names.get(r.author_id) ?? null,
        versionCreatedAt: r.version_created_at.toISOString(),
        encounterId: r.encounter_id,
        patientId: r.patient_id,
        patientName: r.patient_name,
        step: r.step,
        role: r.role,
        signerId: r.signer_id,
        signerName: names.get(r.signer_id) ?? '',
        signedAt: r.signing_time.toISOString(),
        timestampedAt: r.timestamped_at?.toISOString() ?? null,
        certificateSerial: r.certificate_serial,
      })),
      total: rows.length ? Number(rows[0].total) : 0,
      limit,
      offset,
    };
  }

  async summary(facilityId: string, signatureId: string): Promise<SignatureSummary> {
    const [summary] = await this.list(facilityId, { signatureId }, 1);
    if (!summary) throw new SignatureError('signature_not_found', 'No such signature');
    return summary;
  }
}
