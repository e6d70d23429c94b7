import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { DocumentsService, FormsService, type SigningView } from '@benhan/api/documents';
import { EncountersService } from '@benhan/api/encounters';
import { PatientAccessService, SecurityEventsService, UsersService } from '@benhan/api/identity';
import { PatientsService } from '@benhan/api/patients';
import { ValidationService } from '@benhan/api/signatures';
import type { DocumentVersion, EncounterDetail, PatientDetail, SignatureReport } from '@benhan/shared/contracts';
import { ArchiveError } from './archive.errors';
import { ARCHIVE_OPTIONS, type ArchiveOptions } from './archive.options';
import type { PrintableEncounter, PrintablePatient, VersionBody } from './pdf-layout';
import { renderVersionPdf, type PrintableVersion } from './version-pdf';

/** What every version of one encounter shares on paper: read once, printed many times. */
export interface PrintContext {
  facilityName: string;
  patient: PrintablePatient;
  encounter: PrintableEncounter;
}

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
    private readonly events: SecurityEventsService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async printable(user: UserPrincipal, versionId: string): Promise<PrintableVersion> {
    return (await this.gather(user, versionId)).printable;
  }

  private async gather(user: UserPrincipal, versionId: string): Promise<{ printable: PrintableVersion; patientId: string }> {
    const view = await this.documents.signingView(user.facilityId, versionId);
    if (!view) throw new ArchiveError('version_not_found', 'No such document version');
    await this.access.requirePatientAccess(user, view.payload.patientId);
    const { payload } = view;
    const [version, encounter, patient, reports, me] = await Promise.all([
      this.documents.version(user, payload.documentId, payload.versionNumber),
      this.encounters.get(user, payload.encounterId),
      this.patients.get(user, payload.patientId),
      this.validation.reportSet(user.facilityId, { versionId }),
      this.users.currentUser(user.userId),
    ]);
    const body = await this.body(user, view, version, printContext(me.facility.name, patient, encounter), reports.reports);
    const lookupCode = versionLookupCode(version.contentHash);
    const printable: PrintableVersion = {
      ...body,
      authorName: version.authorName,
      savedAt: new Date(version.savedAt),
      printedBy: me.fullName,
      printedAt: this.clock.now(),
      lookupCode,
      verifyUrl: `${this.options.publicUrl}/verify/${lookupCode}`,
    };
    return { printable, patientId: payload.patientId };
  }

  /** A version's body as printed: its form's layout, content, signatures with their validation, steps awaited. */
  async body(principal: AuthenticatedPrincipal, view: SigningView, version: DocumentVersion, context: PrintContext, reports: SignatureReport[]): Promise<VersionBody> {
    const form = await this.forms.get(principal.facilityId, view.payload.formCode, view.payload.schemaVersion);
    const label = (step: number) => view.signers.find((s) => s.step === step)?.label ?? `Bước ${step}`;
    return {
      ...context,
      formCode: form.code,
      formTitle: form.title.vi,
      schema: form.schema,
      content: version.content,
      versionNumber: version.number,
      status: version.status,
      signatures: reports
        .filter((r) => r.versionId === view.payload.versionId)
        .map((r) => ({ step: r.step, label: label(r.step), signerName: r.signerName, signedAt: new Date(r.timestampedAt ?? r.signedAt), certificateSerial: r.certificateSerial, indication: r.indication })),
      awaiting: version.awaiting.map((s) => s.label),
    };
  }

  /** The PDF, and the print recorded (R13: every print is logged, with who, when and the lookup code on the paper). */
  async pdf(user: UserPrincipal, versionId: string, origin?: RequestOrigin): Promise<Buffer> {
    const { printable, patientId } = await this.gather(user, versionId);
    const pdf = await renderVersionPdf(printable);
    await this.events.record(this.dataSource.manager, {
      type: 'document_print',
      outcome: 'success',
      facilityId: user.facilityId,
      actorUserId: user.userId,
      actorUsername: user.username,
      patientId,
      detail: { versionId, formCode: printable.formCode, versionNumber: printable.versionNumber, lookupCode: printable.lookupCode, printedAt: printable.printedAt.toISOString() },
      origin,
    });
    return pdf;
  }
}

/** The short code printed under a version's QR: "V" and the first 10 hex digits of its content hash. */
export function versionLookupCode(contentHash: string): string {
  return `V${contentHash.slice(0, 10).toUpperCase()}`;
}

export function printContext(facilityName: string, patient: PatientDetail, encounter: EncounterDetail): PrintContext {
  const birthYear = patient.birthDate ? Number(patient.birthDate.slice(0, 4)) : (patient.birthYear ?? null);
  return {
    facilityName,
    patient: { fullName: patient.fullName, age: birthYear ? new Date(encounter.startedAt).getUTCFullYear() - birthYear : null, sex: patient.sex, patientCode: patient.patientCode },
    encounter: { recordNumber: encounter.recordNumber, departmentName: encounter.departmentName, bedCode: encounter.bedCode },
  };
}
