import type { PatientDetail, PatientSummary } from '@benhan/shared/contracts';
import type { PatientEntity } from './entities/patient.entity';

export function toSummary(p: PatientEntity): PatientSummary {
  return {
    id: p.id,
    patientCode: p.patientCode,
    fullName: p.fullName,
    birthDate: p.birthDate,
    birthYear: p.birthYear,
    sex: p.sex,
    citizenId: p.citizenId,
    identityStatus: p.identityStatus,
    mergedIntoId: p.mergedIntoId,
  };
}

export function toDetail(p: PatientEntity): PatientDetail {
  return {
    ...toSummary(p),
    temporaryReason: p.temporaryReason,
    ethnicityCode: p.ethnicityCode,
    nationality: p.nationality,
    occupation: p.occupation,
    address: { provinceCode: p.addressProvinceCode, communeCode: p.addressCommuneCode, street: p.addressStreet },
    phone: p.phone,
    guardian: p.guardianName ? { name: p.guardianName, relationship: p.guardianRelationship ?? '', phone: p.guardianPhone } : null,
    insuranceCard:
      p.insuranceCardNumber && p.insuranceValidFrom && p.insuranceValidTo
        ? { number: p.insuranceCardNumber, validFrom: p.insuranceValidFrom, validTo: p.insuranceValidTo, registeredFacilityCode: p.insuranceFacilityCode }
        : null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
