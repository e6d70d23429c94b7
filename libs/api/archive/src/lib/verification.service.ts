import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DocumentsService } from '@benhan/api/documents';
import { FacilityEntity } from '@benhan/api/identity';
import { ValidationService } from '@benhan/api/signatures';
import type { VerificationResult } from '@benhan/shared/contracts';
import { ArchiveError } from './archive.errors';
import { ArchiveEntity } from './entities';

const CODE = /^[VA][0-9A-F]{10}$/;
const ROLE_LABEL: Record<string, string> = { author: 'Người lập', head_of_department: 'Trưởng khoa', doctor: 'Bác sĩ', nurse: 'Điều dưỡng', records_officer: 'Lưu trữ', director: 'Giám đốc' };

/**
 * What the QR code on a printed page resolves to, for anyone holding the paper: which version or archive it
 * is, its hash, its signatures' validation, whether it is still the current one. Public, so it shows the
 * patient's initials only.
 */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly documents: DocumentsService,
    private readonly validation: ValidationService,
  ) {}

  async verify(rawCode: string): Promise<VerificationResult> {
    const code = rawCode.trim().toUpperCase();
    if (!CODE.test(code)) throw new ArchiveError('lookup_not_found', 'No printed record has this code');
    return code.startsWith('A') ? this.archive(code) : this.version(code);
  }

  private async archive(code: string): Promise<VerificationResult> {
    const archive = await this.dataSource.getRepository(ArchiveEntity).findOneBy({ lookupCode: code });
    if (!archive) throw new ArchiveError('lookup_not_found', 'No archive has this code');
    const facility = await this.dataSource.getRepository(FacilityEntity).findOneByOrFail({ id: archive.facilityId });
    return {
      code,
      kind: 'archive',
      facilityName: facility.name,
      title: `Hồ sơ bệnh án lưu trữ, thế hệ ${archive.generation}`,
      patientInitials: initials(archive.patientName),
      recordNumber: archive.recordNumber,
      sha256: archive.sha256,
      at: archive.archivedAt.toISOString(),
      signatures: [],
      current: archive.status === 'stored' && !archive.reopenedAt,
      note:
        archive.status === 'disposed'
          ? 'Hồ sơ đã được tiêu huỷ sau thời hạn lưu trữ; biên bản tiêu huỷ giữ mã băm này.'
          : archive.status === 'superseded' || archive.reopenedAt
            ? 'Đã có thế hệ lưu trữ mới hơn của hồ sơ này.'
            : null,
    };
  }

  private async version(code: string): Promise<VerificationResult> {
    const found = await this.documents.findByHashPrefix(code.slice(1).toLowerCase());
    if (!found) throw new ArchiveError('lookup_not_found', 'No document version has this code');
    const facility = await this.dataSource.getRepository(FacilityEntity).findOneByOrFail({ id: found.facilityId });
    const reports = await this.validation.reportSet(found.facilityId, { versionId: found.versionId });
    return {
      code,
      kind: 'version',
      facilityName: facility.name,
      title: `${found.formCode} ${found.formTitle}, phiên bản ${found.versionNumber}`,
      patientInitials: initials(found.patientName),
      recordNumber: found.recordNumber,
      sha256: found.contentHash,
      at: found.savedAt.toISOString(),
      signatures: reports.reports.map((r) => ({ signerName: r.signerName, role: ROLE_LABEL[r.role] ?? r.role, signedAt: r.timestampedAt ?? r.signedAt, indication: r.indication })),
      current: found.latest,
      note: found.latest ? null : 'Tài liệu này đã có phiên bản mới hơn.',
    };
  }
}

/** "Nguyễn Thị Hường" → "N.T.H." */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${w[0].toUpperCase()}.`)
    .join('');
}
