import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedPrincipal, RequestOrigin, UserPrincipal } from '@benhan/api/core';
import { PatientAccessService } from '@benhan/api/identity';
import type { BreakGlassGrant, Page, PatientSummary, Sex } from '@benhan/shared/contracts';
import { PatientEntity } from './entities/patient.entity';
import { foldVietnamese } from './fold-vietnamese';
import { PatientError } from './patients.errors';

export interface NewPatient {
  facilityId: string;
  patientCode: string;
  fullName: string;
  birthDate: string | null;
  birthYear: number;
  sex: Sex;
  citizenId: string | null;
}

/** The patient registry (core fields; the full Vietnamese registration arrives with the patients issue). */
@Injectable()
export class PatientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  /** Patients the caller may see, matching a name without diacritics, a patient code or a CCCD. */
  async search(principal: AuthenticatedPrincipal, q: string | undefined, limit: number, offset: number): Promise<Page<PatientSummary>> {
    const qb = this.dataSource
      .getRepository(PatientEntity)
      .createQueryBuilder('p')
      .where('p.facility_id = :facilityId', { facilityId: principal.facilityId })
      .orderBy('p.search_name', 'ASC')
      .take(limit)
      .skip(offset);
    const term = q?.trim();
    if (term) {
      const folded = foldVietnamese(term).replace(/[\\%_]/g, (c) => '\\' + c);
      qb.andWhere(`(p.search_name LIKE :prefix OR p.search_name LIKE :word OR p.patient_code = :exact OR p.citizen_id = :exact)`, {
        prefix: `${folded}%`,
        word: `% ${folded}%`,
        exact: term.toUpperCase(),
      });
    }
    this.access.applyScope(qb, 'p.id', principal);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toSummary), total, limit, offset };
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<PatientSummary> {
    await this.requireExists(principal.facilityId, id);
    await this.access.requirePatientAccess(principal, id);
    return toSummary(await this.dataSource.getRepository(PatientEntity).findOneByOrFail({ id }));
  }

  /** Emergency access outside the caller's departments, with a mandatory reason (R10). */
  async breakGlass(principal: UserPrincipal, id: string, reason: string, origin: RequestOrigin): Promise<BreakGlassGrant> {
    await this.requireExists(principal.facilityId, id);
    return this.access.breakGlass(principal, id, reason, origin);
  }

  async create(em: EntityManager, patient: NewPatient): Promise<PatientEntity> {
    return em.save(em.create(PatientEntity, { ...patient, searchName: foldVietnamese(patient.fullName) }));
  }

  async requireExists(facilityId: string, id: string): Promise<void> {
    if (!(await this.dataSource.getRepository(PatientEntity).existsBy({ id, facilityId }))) {
      throw new PatientError('patient_not_found', 'Patient not found');
    }
  }
}

function toSummary(p: PatientEntity): PatientSummary {
  return { id: p.id, patientCode: p.patientCode, fullName: p.fullName, birthDate: p.birthDate, birthYear: p.birthYear, sex: p.sex, citizenId: p.citizenId };
}
