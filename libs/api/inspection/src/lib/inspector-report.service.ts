import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, type UserPrincipal } from '@benhan/api/core';
import { AuditLog } from '@benhan/api/audit';
import { renderSealedReport, type ReportSection } from '@benhan/api/archive';
import { UsersService } from '@benhan/api/identity';
import { PkiService } from '@benhan/api/signatures';
import type { AuditReportRequest, IntegrityReport } from '@benhan/shared/contracts';
import { IntegrityService } from './integrity.service';
import { SignatureTrailService } from './signature-trail.service';
import { INSPECTION_OPTIONS, type InspectionOptions } from './inspection.options';

const INDICATION_VI = { PASSED: 'Hợp lệ', FAILED: 'KHÔNG HỢP LỆ', INDETERMINATE: 'Chưa xác định' } as const;
const ROLE_VI: Record<string, string> = { author: 'Người lập', head_of_department: 'Trưởng khoa', director: 'Giám đốc', nurse: 'Điều dưỡng', doctor: 'Bác sĩ' };

/**
 * The inspector's report as a PDF sealed by the facility: the chain's integrity now, the signature trail
 * of the scope asked for, and — for a patient — who accessed the record. Made and recorded as an export.
 */
@Injectable()
export class InspectorReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(INSPECTION_OPTIONS) private readonly options: InspectionOptions,
    private readonly integrity: IntegrityService,
    private readonly trail: SignatureTrailService,
    private readonly audit: AuditLog,
    private readonly pki: PkiService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async render(user: UserPrincipal, request: AuditReportRequest): Promise<Buffer> {
    const integrity = await this.integrity.runFor(user, 'genesis');
    const scope = { patient: request.patient, encounter: request.encounter, document: request.document, signer: request.signer, from: request.from, to: request.to };
    const trail = await this.trail.trail(user, { ...scope, sort: 'signedAt', limit: 2000 });
    const access = request.patient ? await this.audit.accessLog(user.facilityId, request.patient, { from: request.from, to: request.to, limit: 500 }) : null;
    const [facility] = (await this.dataSource.query(`SELECT name FROM facilities WHERE id = $1`, [user.facilityId])) as { name: string }[];
    const myName = (await this.users.displayNames([user.userId])).get(user.userId) ?? user.username;
    await this.audit.recordNow({
      action: 'audit_export',
      resource: request.patient ? { type: 'patient', id: request.patient } : { type: 'audit', id: user.facilityId },
      patientId: request.patient ?? null,
      reason: request.reason,
      detail: { export: 'inspector_report', scope, integrity: integrity.status, signatures: trail.items.length },
    });
    const madeAt = this.clock.now();
    const sections: ReportSection[] = [
      {
        heading: 'Phạm vi và lý do',
        pairs: [
          ['Lý do', request.reason],
          ['Người bệnh', trail.items[0]?.patientName && request.patient ? trail.items[0].patientName : request.patient ? request.patient : 'Tất cả'],
          ['Từ', request.from ?? '—'],
          ['Đến', request.to ?? '—'],
        ],
      },
      { heading: 'Tính toàn vẹn của nhật ký kiểm toán', pairs: integrityPairs(integrity) },
      {
        heading: `Lịch sử ký số (${trail.total} chữ ký)`,
        table: {
          columns: [
            { label: 'Thời điểm ký (dấu thời gian)', width: 18 },
            { label: 'Văn bản, phiên bản', width: 24 },
            { label: 'Lý do sửa đổi', width: 16 },
            { label: 'Người ký, vai trò', width: 20 },
            { label: 'Kết quả kiểm tra', width: 14 },
          ],
          rows: trail.items.map((e) => [
            `${e.timestampedAt ?? e.signedAt}`,
            `${e.documentTitle} (${e.formCode}) — phiên bản ${e.versionNumber}`,
            e.amendmentReason ?? '',
            `${e.signerName} — ${ROLE_VI[e.role] ?? e.role}`,
            INDICATION_VI[e.indication] + (e.indicationReason ? `: ${e.indicationReason}` : ''),
          ]),
          highlight: trail.items.map((e) => e.indication !== 'PASSED'),
        },
        empty: 'Không có chữ ký trong phạm vi này.',
      },
    ];
    if (access) {
      sections.push({
        heading: `Những người đã truy cập hồ sơ (${access.total} lượt)`,
        table: {
          columns: [
            { label: 'Thời điểm', width: 18 },
            { label: 'Người truy cập', width: 24 },
            { label: 'Hành động', width: 18 },
            { label: 'Lý do', width: 26 },
            { label: 'Địa chỉ', width: 14 },
          ],
          rows: access.items.map((a) => [a.occurredAt, `${a.actorName ?? a.actorUsername ?? '—'} (${a.actorRoles.join(', ')})`, a.action + (a.breakGlass ? ' — TRUY CẬP KHẨN CẤP' : ''), a.reason ?? '', a.clientAddress ?? '']),
          highlight: access.items.map((a) => a.breakGlass),
        },
        empty: 'Không có lượt truy cập nào được ghi nhận.',
      });
    }
    return renderSealedReport(
      {
        facilityName: facility.name,
        title: 'BÁO CÁO KIỂM TRA NHẬT KÝ VÀ CHỮ KÝ SỐ',
        subtitle: 'Hồ sơ bệnh án điện tử — hệ thống Benhan',
        madeBy: myName,
        madeAt,
        sections,
        footerLines: [`Báo cáo do ${myName} lập lúc ${madeAt.toISOString()}. Đóng dấu số bằng chứng thư tổ chức của cơ sở.`],
        verifyUrl: `${this.options.publicUrl}/api/audit/integrity`,
        sealReason: 'Báo cáo kiểm tra nhật ký kiểm toán',
      },
      (bytes) => this.pki.sealDetached(user.facilityId, bytes, madeAt),
    );
  }
}

function integrityPairs(r: IntegrityReport): [string, string][] {
  return [
    ['Kết quả', r.status === 'OK' ? 'TOÀN VẸN (OK)' : 'BỊ PHÁ VỠ (BROKEN)'],
    ['Kiểm tra', `${r.eventsChecked} sự kiện (từ ${r.fromSeq} đến ${r.toSeq}), ${r.checkpointsChecked} điểm niêm phong`],
    ['Điểm niêm phong cuối', r.lastCheckpointSeq === null ? 'chưa có' : `sự kiện ${r.lastCheckpointSeq}; ${r.unsealedEvents} sự kiện sau đó chưa niêm phong`],
    ...(r.failure ? ([['Sự kiện hỏng đầu tiên', `${r.failure.seq} (${r.failure.problem}): ${r.failure.detail}`]] as [string, string][]) : []),
  ];
}
