import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { UserPrincipal } from '@benhan/api/core';
import { PatientAccessService } from '@benhan/api/identity';
import type { WardBeds } from '@benhan/shared/contracts';
import { BedEntity } from './entities/bed.entity';
import { EncounterEntity } from './entities/encounter.entity';
import { WardEntity } from './entities/ward.entity';

export interface Admission {
  facilityId: string;
  patientId: string;
  departmentId: string;
  bedId: string | null;
  recordNumber: string | null;
  at: Date;
}

/** Episodes of care. Admission hands the patient's care to the department (department scoping, R10). */
@Injectable()
export class EncountersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PatientAccessService,
  ) {}

  /** Admit within the caller's transaction: the stay and the department's care assignment commit together. */
  async admit(em: EntityManager, admission: Admission): Promise<EncounterEntity> {
    const encounter = await em.save(
      em.create(EncounterEntity, {
        facilityId: admission.facilityId,
        patientId: admission.patientId,
        type: 'inpatient',
        status: 'in_progress',
        departmentId: admission.departmentId,
        bedId: admission.bedId,
        recordNumber: admission.recordNumber,
        startedAt: admission.at,
        endedAt: null,
      }),
    );
    await this.access.startCare(em, { facilityId: admission.facilityId, patientId: admission.patientId, departmentId: admission.departmentId, at: admission.at });
    return encounter;
  }

  async createWard(em: EntityManager, ward: { facilityId: string; departmentId: string; code: string; name: string; bedCodes: string[] }): Promise<WardEntity> {
    const saved = await em.save(em.create(WardEntity, { facilityId: ward.facilityId, departmentId: ward.departmentId, code: ward.code, name: ward.name }));
    await em.insert(BedEntity, ward.bedCodes.map((code) => ({ facilityId: ward.facilityId, wardId: saved.id, code, active: true })));
    return saved;
  }

  /** The bed map of the caller's departments: every ward, bed and the patient in it. */
  async bedMap(user: UserPrincipal): Promise<WardBeds[]> {
    if (!user.departmentIds.length) return [];
    const wards = await this.dataSource.getRepository(WardEntity).find({
      where: { facilityId: user.facilityId, departmentId: In(user.departmentIds) },
      relations: { beds: true },
      order: { code: 'ASC' },
    });
    const bedIds = wards.flatMap((w) => (w.beds ?? []).map((b) => b.id));
    const occupied = bedIds.length
      ? await this.dataSource.getRepository(EncounterEntity).find({ where: { bedId: In(bedIds), status: 'in_progress' }, select: { bedId: true, patientId: true } })
      : [];
    const patientByBed = new Map(occupied.map((e) => [e.bedId, e.patientId]));
    return wards.map((w) => ({
      id: w.id,
      code: w.code,
      name: w.name,
      departmentId: w.departmentId,
      beds: (w.beds ?? [])
        .filter((b) => b.active)
        .sort((a, b) => a.code.localeCompare(b.code, 'vi', { numeric: true }))
        .map((b) => ({ id: b.id, code: b.code, occupiedByPatientId: patientByBed.get(b.id) ?? null })),
    }));
  }
}
