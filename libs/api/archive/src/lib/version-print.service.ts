import { Inject, Injectable } from '@nestjs/common';
import { Clock, type UserPrincipal } from '@benhan/api/core';
import { DocumentsService, FormsService } from '@benhan/api/documents';
import { EncountersService } from '@benhan/api/encounters';
import { PatientAccessService, UsersService } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import { ValidationService } from '@benhan/api/signatures';
import { ArchiveError } from './archive.errors';
import { ARCHIVE_OPTIONS, type ArchiveOptions } from './archive.options';
import { renderVersionPdf, type PrintableVersion } from './version-pdf';

/** Gathers a version, its patient, encounter, form and signature reports, and renders its PDF (a print is a read). */
@Injectable()
export class VersionPrintService {
  constructor(
    @Inject(ARCHIVE_OPTIONS) private readonly options: ArchiveOptions,
    private readonly documents: DocumentsService,
    private readonly forms: FormsService,
    private readonly encounters: EncountersService,
    private readonly patients: PatientsService,
    private readonly access: PatientAccessService,
    private readonly users: UsersService,
    private readonly validation: ValidationService,
    private readonly clock: Clock,
  ) {}

  async printable(user: UserPrincipal, versionId: string): Promise<PrintableVersion> {
    const view = await this.documents.signingView(user.facilityId, versionId);
    if (!view) throw new ArchiveError('version_not_found', 'No such document version');
    await this.access.requirePatientAccess(user, view.payload.patientId);
    const { payload } = view;
    const [version, form, encounter, patient, reports, me] = await Promise.all([
      this.documents.version(user, payload.documentId, payload.versionNumber),
      this.forms.get(user.facilityId, payload.formCode, payload.schemaVersion),
      this.encounters.get(user, payload.encounterId),
      this.patients.get(user, payload.patientId),
      this.validation.reportSet(user.facilityId, { versionId }),
      this.users.currentUser(user.userId),
    ]);
    const now = this.clock.now();
    const birthYear = patient.birthDate ? Number(patient.birthDate.slice(0, 4)) : (patient.birthYear ?? null);
    const lookupCode = `V${version.contentHash.slice(0, 10).toUpperCase()}`;
    const label = (step: number) => view.signers.find((s) => s.step === step)?.label ?? `Bước ${step}`;
    return {
      facilityName: me.facility.name,
      formCode: form.code,
      formTitle: form.title.vi,
      schema: form.schema,
      content: version.content,
      versionNumber: version.number,
      status: version.status,
      authorName: version.authorName,
      savedAt: new Date(version.savedAt),
      patient: { fullName: patient.fullName, age: birthYear ? new Date(encounter.startedAt).getUTCFullYear() - birthYear : null, sex: patient.sex, patientCode: patient.patientCode },
      encounter: { recordNumber: encounter.recordNumber, departmentName: encounter.departmentName, bedCode: encounter.bedCode },
      signatures: reports.reports.map((r) => ({ step: r.step, label: label(r.step), signerName: r.signerName, signedAt: new Date(r.timestampedAt ?? r.signedAt), certificateSerial: r.certificateSerial, indication: r.indication })),
      awaiting: version.awaiting.map((s) => s.label),
      printedBy: me.fullName,
      printedAt: now,
      lookupCode,
      verifyUrl: `${this.options.publicUrl}/verify/${lookupCode}`,
    };
  }

  async pdf(user: UserPrincipal, versionId: string): Promise<Buffer> {
    return renderVersionPdf(await this.printable(user, versionId));
  }
}
