import {
  CRITICAL_INTERPRETATIONS,
  type DiagnosticReport,
  type ImagingStudy,
  type Observation,
  type Order,
  type Specimen,
} from '@benhan/shared/contracts';
import type { DiagnosticReportEntity, ImagingStudyEntity, ObservationEntity, OrderEntity, OrderItemEntity, ResultAcknowledgementEntity, SpecimenEntity } from './entities';

export function toOrder(o: OrderEntity, items: OrderItemEntity[], requesterName: string): Order {
  return {
    id: o.id,
    patientId: o.patientId,
    encounterId: o.encounterId,
    category: o.category,
    status: o.status,
    priority: o.priority,
    items: items.map((i) => ({
      id: i.id,
      serviceCode: i.serviceCode,
      loinc: i.loinc,
      display: i.display,
      members: i.members,
      modality: i.modality,
      bodySite: i.bodySiteCode ? { code: i.bodySiteCode, display: i.bodySiteDisplay ?? '' } : null,
    })),
    reason: { code: o.reasonCode, title: o.reasonTitle, text: o.reasonText },
    clinicalNote: o.clinicalNote,
    requesterId: o.requesterId,
    requesterName,
    departmentId: o.departmentId,
    createdAt: o.createdAt.toISOString(),
    authoredAt: o.authoredAt?.toISOString() ?? null,
    documentId: o.documentId,
    documentVersionId: o.documentVersionId,
    signatureId: o.signatureId,
    statusReason: o.statusReason,
    statusChangedAt: o.statusChangedAt?.toISOString() ?? null,
    version: o.version,
  };
}

export function toObservation(o: ObservationEntity): Observation {
  const hasRange = o.referenceLow !== null || o.referenceHigh !== null || o.referenceText !== null;
  return {
    id: o.id,
    reportId: o.reportId,
    orderId: o.orderId,
    patientId: o.patientId,
    code: o.code,
    display: o.display,
    valueQuantity: o.valueQuantity,
    unit: o.unit,
    valueString: o.valueString,
    referenceRange: hasRange ? { low: o.referenceLow, high: o.referenceHigh, text: o.referenceText } : null,
    interpretation: o.interpretation,
    critical: !!o.interpretation && CRITICAL_INTERPRETATIONS.includes(o.interpretation),
    status: o.status,
    effectiveAt: o.effectiveAt?.toISOString() ?? null,
    issued: o.issued.toISOString(),
    performer: o.performer,
    supersedesId: o.supersedesId,
    supersededById: o.supersededById,
  };
}

export function toStudy(s: ImagingStudyEntity): ImagingStudy {
  return {
    id: s.id,
    studyInstanceUid: s.studyInstanceUid,
    modality: s.modality,
    status: s.status,
    seriesCount: s.seriesCount,
    instanceCount: s.instanceCount,
    startedAt: s.startedAt?.toISOString() ?? null,
    endpointUrl: s.endpointUrl,
    version: s.version,
  };
}

export function toSpecimen(s: SpecimenEntity): Specimen {
  return {
    id: s.id,
    orderId: s.orderId,
    patientId: s.patientId,
    encounterId: s.encounterId,
    sourceSystem: s.sourceSystem,
    accession: s.accession,
    status: s.status,
    typeCode: s.typeCode,
    typeDisplay: s.typeDisplay,
    collectedAt: s.collectedAt?.toISOString() ?? null,
    receivedAt: s.receivedAt?.toISOString() ?? null,
    collector: s.collector,
    note: s.note,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toReport(r: DiagnosticReportEntity, observations: ObservationEntity[], study: ImagingStudyEntity | null, ack: ResultAcknowledgementEntity | null): DiagnosticReport {
  return {
    id: r.id,
    orderId: r.orderId,
    patientId: r.patientId,
    encounterId: r.encounterId,
    category: r.category,
    status: r.status,
    externalId: r.externalId,
    sourceSystem: r.sourceSystem,
    issued: r.issued.toISOString(),
    effectiveAt: r.effectiveAt?.toISOString() ?? null,
    performer: r.performer,
    conclusion: r.conclusion,
    findings: r.findings,
    observations: observations.map(toObservation),
    study: study ? toStudy(study) : null,
    supersedesId: r.supersedesId,
    supersededById: r.supersededById,
    abnormal: r.abnormal,
    critical: r.critical,
    acknowledgedAt: ack?.acknowledgedAt.toISOString() ?? null,
    acknowledgedBy: ack?.userId ?? null,
  };
}
