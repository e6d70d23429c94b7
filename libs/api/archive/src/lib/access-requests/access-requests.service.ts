import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, type UserPrincipal } from '@benhan/api/core';
import { AuditLog } from '@benhan/api/audit';
import { UsersService } from '@benhan/api/identity';
import { PkiService } from '@benhan/api/signatures';
import { SCOPES_BY_RELATIONSHIP, type AccessRequest, type CreateAccessRequest, type Page } from '@benhan/shared/contracts';
import { ArchiveError } from '../archive.errors';
import { ARCHIVE_OPTIONS, type ArchiveOptions } from '../archive.options';
import { SEX_LABEL, formatDateTime } from '../pdf-layout';
import { renderSealedReport, type ReportSection } from '../sealed-report-pdf';
import { AccessRequestEntity } from './access-request.entity';

const RELATIONSHIP_VI = { self: 'Người bệnh', legal_representative: 'Người đại diện theo pháp luật', family_representative: 'Người đại diện (thân nhân)' } as const;
const SCOPE_VI = { summary: 'Tóm tắt hồ sơ', read: 'Đọc hồ sơ', copy: 'Sao chép hồ sơ' } as const;
const OUTCOME_VI: Record<string, string> = { recovered: 'Khỏi', improved: 'Đỡ, giảm', unchanged: 'Không thay đổi', worse: 'Nặng hơn', died: 'Tử vong' };

/**
 * R12 (Law 15/2023 Art 12(1), 69(4)): a patient or a representative asks in writing to read, copy or get a
 * summary of the record. A family representative who is not the legal representative gets the summary only.
 * The records office records the request, then releases the facility-sealed summary (logged) or refuses it.
 */
@Injectable()
export class AccessRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ARCHIVE_OPTIONS) private readonly options: ArchiveOptions,
    private readonly audit: AuditLog,
    private readonly pki: PkiService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async create(user: UserPrincipal, request: CreateAccessRequest): Promise<AccessRequest> {
    const allowed = SCOPES_BY_RELATIONSHIP[request.relationship];
    if (!allowed.includes(request.scope)) {
      throw new ArchiveError('invalid_request', 'A family representative who is not the legal representative may receive the summary only (Law 15/2023 Art 69(4)).', {}, [
        { field: 'scope', message: `allowed for ${request.relationship}: ${allowed.join(', ')}` },
      ]);
    }
    const [patient] = (await this.dataSource.query(`SELECT id FROM patients WHERE id = $1 AND facility_id = $2`, [request.patientId, user.facilityId])) as unknown[];
    if (!patient) throw new ArchiveError('invalid_request', 'No such patient', {}, [{ field: 'patientId', message: 'no such patient in this facility' }]);
    if (request.encounterId) {
      const [stay] = (await this.dataSource.query(`SELECT id FROM encounters WHERE id = $1 AND patient_id = $2`, [request.encounterId, request.patientId])) as unknown[];
      if (!stay) throw new ArchiveError('invalid_request', 'The stay is not this patient’s', {}, [{ field: 'encounterId', message: 'not a stay of this patient' }]);
    }
    const receivedAt = request.receivedAt ? new Date(request.receivedAt) : this.clock.now();
    if (receivedAt > this.clock.now()) throw new ArchiveError('invalid_request', 'receivedAt is in the future', {}, [{ field: 'receivedAt', message: 'must not be in the future' }]);
    const id = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(AccessRequestEntity, {
          facilityId: user.facilityId,
          patientId: request.patientId,
          encounterId: request.encounterId ?? null,
          requesterName: request.requesterName.trim(),
          relationship: request.relationship,
          requesterIdNumber: request.requesterIdNumber,
          scope: request.scope,
          receivedAt,
          recordedBy: user.userId,
          note: request.note?.trim() || null,
          status: 'received',
        }),
      );
      await this.audit.record(em, {
        action: 'access_request_create',
        resource: { type: 'access_request', id: saved.id },
        patientId: request.patientId,
        detail: { relationship: request.relationship, scope: request.scope, encounterId: request.encounterId ?? null },
      });
      return saved.id;
    });
    return this.get(user, id);
  }

  async list(user: UserPrincipal, q: { patient?: string; status?: string; limit?: number; offset?: number }): Promise<Page<AccessRequest>> {
    const qb = this.dataSource.getRepository(AccessRequestEntity).createQueryBuilder('r').where('r.facility_id = :f', { f: user.facilityId });
    if (q.patient) qb.andWhere('r.patient_id = :p', { p: q.patient });
    if (q.status) qb.andWhere('r.status = :s', { s: q.status });
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const [rows, total] = await qb.orderBy('r.received_at', 'DESC').take(limit).skip(offset).getManyAndCount();
    return { items: await this.toContracts(rows), total, limit, offset };
  }

  async get(user: UserPrincipal, id: string): Promise<AccessRequest> {
    return (await this.toContracts([await this.entity(user, id)]))[0];
  }

  /** Produce the facility-sealed summary, keep it, mark the request released and log the release — together. */
  async release(user: UserPrincipal, id: string): Promise<Buffer> {
    const request = await this.entity(user, id);
    if (request.status !== 'received') throw new ArchiveError('archive_conflict', `This request is already ${request.status}`, { requestStatus: request.status });
    const madeAt = this.clock.now();
    const pdf = await this.summaryPdf(user, request, madeAt);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await this.dataSource.transaction(async (em) => {
      const { affected } = await em.update(AccessRequestEntity, { id, status: 'received' }, { status: 'released', decidedAt: madeAt, decidedBy: user.userId, releasedSha256: sha256, releasedPdf: pdf });
      if (!affected) throw new ArchiveError('archive_conflict', 'This request was decided meanwhile');
      await this.audit.record(em, {
        action: 'access_request_release',
        resource: { type: 'access_request', id },
        patientId: request.patientId,
        detail: { sha256, scope: request.scope, relationship: request.relationship, requesterName: request.requesterName, bytes: pdf.length },
      });
    });
    return pdf;
  }

  async refuse(user: UserPrincipal, id: string, reason: string): Promise<AccessRequest> {
    const request = await this.entity(user, id);
    await this.dataSource.transaction(async (em) => {
      const { affected } = await em.update(AccessRequestEntity, { id, status: 'received' }, { status: 'refused', decidedAt: this.clock.now(), decidedBy: user.userId, refusalReason: reason.trim() });
      if (!affected) throw new ArchiveError('archive_conflict', `This request is already ${request.status}`, { requestStatus: request.status });
      await this.audit.record(em, { action: 'access_request_refuse', resource: { type: 'access_request', id }, patientId: request.patientId, reason: reason.trim() });
    });
    return this.get(user, id);
  }

  /** The summary as it was released (the same bytes, the same SHA-256). */
  async releasedSummary(user: UserPrincipal, id: string): Promise<Buffer> {
    const [row] = (await this.dataSource.query(`SELECT patient_id, status, released_pdf FROM access_requests WHERE id = $1 AND facility_id = $2`, [id, user.facilityId])) as {
      patient_id: string;
      status: string;
      released_pdf: Buffer | null;
    }[];
    if (!row) throw new ArchiveError('archive_not_found', 'No such access request');
    if (!row.released_pdf) throw new ArchiveError('archive_conflict', 'Nothing was released for this request', { requestStatus: row.status });
    await this.audit.recordNow({ action: 'document_read', resource: { type: 'access_request', id }, patientId: row.patient_id, detail: { view: 'released_summary' } });
    return row.released_pdf;
  }

  private async entity(user: UserPrincipal, id: string): Promise<AccessRequestEntity> {
    const row = await this.dataSource.getRepository(AccessRequestEntity).findOneBy({ id, facilityId: user.facilityId });
    if (!row) throw new ArchiveError('archive_not_found', 'No such access request');
    return row;
  }

  private async toContracts(rows: AccessRequestEntity[]): Promise<AccessRequest[]> {
    if (!rows.length) return [];
    const patients = (await this.dataSource.query(`SELECT id, full_name FROM patients WHERE id = ANY($1)`, [rows.map((r) => r.patientId)])) as { id: string; full_name: string }[];
    const staff = await this.users.displayNames(rows.flatMap((r) => [r.recordedBy, r.decidedBy].filter((id): id is string => !!id)));
    const name = new Map([...patients.map((p): [string, string] => [p.id, p.full_name]), ...staff]);
    return rows.map((r) => ({
      id: r.id,
      patientId: r.patientId,
      patientName: name.get(r.patientId) ?? '',
      encounterId: r.encounterId,
      requesterName: r.requesterName,
      relationship: r.relationship,
      requesterIdNumber: r.requesterIdNumber,
      scope: r.scope,
      receivedAt: r.receivedAt.toISOString(),
      recordedBy: name.get(r.recordedBy) ?? r.recordedBy,
      status: r.status,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy ? (name.get(r.decidedBy) ?? r.decidedBy) : null,
      refusalReason: r.refusalReason,
      releasedSha256: r.releasedSha256,
    }));
  }

  private async summaryPdf(user: UserPrincipal, request: AccessRequestEntity, madeAt: Date): Promise<Buffer> {
    const [patient] = (await this.dataSource.query(`SELECT full_name, patient_code, to_char(birth_date, 'DD/MM/YYYY') AS birth_date, birth_year, sex FROM patients WHERE id = $1`, [request.patientId])) as {
      full_name: string;
      patient_code: string;
      birth_date: string | null;
      birth_year: number;
      sex: string;
    }[];
    const stays = (await this.dataSource.query(
      `SELECT e.id, e.type, e.record_number, e.started_at, e.ended_at, e.discharge_outcome, d.name AS department,
              (SELECT string_agg(x.code || ' ' || x.title, '; ' ORDER BY x.role = 'principal' DESC, x.recorded_at)
                 FROM encounter_diagnoses x WHERE x.encounter_id = e.id AND x.role IN ('principal', 'secondary', 'discharge')) AS diagnoses,
              (SELECT string_agg(COALESCE(doc.title, f.title_vi) || ' (v' || v.number || ', ký ' || to_char(v.signed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI') || ')', '; ' ORDER BY v.signed_at)
                 FROM documents doc JOIN document_versions v ON v.document_id = doc.id
                 LEFT JOIN form_versions f ON f.code = v.form_code AND f.version = v.schema_version
                WHERE doc.encounter_id = e.id AND v.status = 'signed'
                  AND v.number = (SELECT max(number) FROM document_versions w WHERE w.document_id = doc.id AND w.status = 'signed')) AS documents
         FROM encounters e JOIN departments d ON d.id = e.department_id
        WHERE e.patient_id = $1 AND ($2::uuid IS NULL OR e.id = $2) ORDER BY e.started_at`,
      [request.patientId, request.encounterId],
    )) as { type: string; record_number: string | null; started_at: Date; ended_at: Date | null; discharge_outcome: string | null; department: string; diagnoses: string | null; documents: string | null }[];
    const [facility] = (await this.dataSource.query(`SELECT name FROM facilities WHERE id = $1`, [user.facilityId])) as { name: string }[];
    const myName = (await this.users.displayNames([user.userId])).get(user.userId) ?? user.username;
    const sections: ReportSection[] = [
      {
        heading: 'Người bệnh',
        pairs: [
          ['Họ và tên', patient.full_name],
          ['Mã người bệnh', patient.patient_code],
          ['Ngày sinh', patient.birth_date ?? String(patient.birth_year)],
          ['Giới tính', SEX_LABEL[patient.sex] ?? patient.sex],
        ],
      },
      {
        heading: 'Yêu cầu',
        pairs: [
          ['Người yêu cầu', `${request.requesterName} — ${RELATIONSHIP_VI[request.relationship]}`],
          ['Giấy tờ', request.requesterIdNumber],
          ['Nội dung', SCOPE_VI[request.scope]],
          ['Ngày nhận', formatDateTime(request.receivedAt)],
        ],
      },
      {
        heading: `Các đợt khám, điều trị (${stays.length})`,
        table: {
          columns: [
            { label: 'Đợt', width: 16 },
            { label: 'Khoa, thời gian', width: 22 },
            { label: 'Chẩn đoán', width: 26 },
            { label: 'Kết quả', width: 10 },
            { label: 'Văn bản đã ký', width: 26 },
          ],
          rows: stays.map((s) => [
            `${s.type === 'inpatient' ? 'Nội trú' : 'Ngoại trú'}${s.record_number ? ' ' + s.record_number : ''}`,
            `${s.department}: ${formatDateTime(s.started_at)} – ${s.ended_at ? formatDateTime(s.ended_at) : 'đang điều trị'}`,
            s.diagnoses ?? '',
            s.discharge_outcome ? (OUTCOME_VI[s.discharge_outcome] ?? s.discharge_outcome) : '',
            s.documents ?? '',
          ]),
        },
        empty: 'Chưa có đợt khám, điều trị nào.',
      },
    ];
    return renderSealedReport(
      {
        facilityName: facility.name,
        title: 'TÓM TẮT HỒ SƠ BỆNH ÁN',
        subtitle: 'Cung cấp theo yêu cầu của người bệnh hoặc người đại diện (Luật Khám bệnh, chữa bệnh 2023, Điều 69)',
        madeBy: myName,
        madeAt,
        sections,
        footerLines: [`Bản tóm tắt do ${facility.name} cấp từ hồ sơ bệnh án điện tử (Benhan), đóng dấu số bằng chứng thư tổ chức của cơ sở.`],
        verifyUrl: `${this.options.publicUrl}/verify`,
        sealReason: `Tóm tắt hồ sơ bệnh án cấp cho ${request.requesterName}`,
      },
      (bytes) => this.pki.sealDetached(user.facilityId, bytes, madeAt),
    );
  }
}
