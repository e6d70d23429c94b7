import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, type AuthenticatedPrincipal, type RequestOrigin, type UserPrincipal } from '@benhan/api/core';
import { DEPARTMENT_SCOPED_ROLES, type BreakGlassGrant, type UserRole } from '@benhan/shared/contracts';
import { BreakGlassGrantEntity, PatientCareAssignmentEntity } from '../entities';
import { IDENTITY_OPTIONS, IdentityOptions } from '../identity.options';
import { IdentityError } from '../identity.errors';
import { SecurityEventsService } from '../security-events/security-events.service';

/** Roles that read every patient of the facility: the records office and inspectors (read-only duties). */
const FACILITY_WIDE_ROLES: readonly UserRole[] = ['records_officer', 'inspector'];

export type PatientScope = { kind: 'all' } | { kind: 'none' } | { kind: 'departments'; userId: string; departmentIds: string[] };

/**
 * Who may see which patient (R10). Doctors and nurses see patients their departments care for (and for
 * `careAccessDaysAfterEnd` after the patient left), plus patients they opened by break-glass; the
 * records office and inspectors see the whole facility; administrators see no clinical data.
 */
@Injectable()
export class PatientAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
    private readonly clock: Clock,
    private readonly events: SecurityEventsService,
    private readonly audit: AuditLog,
  ) {}

  scopeOf(principal: AuthenticatedPrincipal): PatientScope {
    if (principal.kind === 'client') return { kind: 'all' };
    if (principal.roles.some((r) => FACILITY_WIDE_ROLES.includes(r))) return { kind: 'all' };
    if (principal.roles.some((r) => DEPARTMENT_SCOPED_ROLES.includes(r))) {
      return { kind: 'departments', userId: principal.userId, departmentIds: principal.departmentIds };
    }
    return { kind: 'none' };
  }

  /** Restrict a query over patients to those the principal may see; `patientIdColumn` is e.g. `p.id`. */
  applyScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, patientIdColumn: string, principal: AuthenticatedPrincipal): SelectQueryBuilder<T> {
    const scope = this.scopeOf(principal);
    switch (scope.kind) {
      case 'all':
        return qb;
      case 'none':
        return qb.andWhere('false');
      case 'departments':
        return qb.andWhere(
          `(${patientIdColumn} IN (SELECT pca.patient_id FROM patient_care_assignments pca
              WHERE pca.department_id = ANY(:scopeDepartments)
                AND (pca.ended_at IS NULL OR pca.ended_at > :scopeCareSince))
            OR ${patientIdColumn} IN (SELECT bg.patient_id FROM break_glass_grants bg
              WHERE bg.user_id = :scopeUser AND bg.expires_at > :scopeNow))`,
          {
            scopeDepartments: scope.departmentIds,
            scopeCareSince: this.careSince(),
            scopeUser: scope.userId,
            scopeNow: this.clock.now(),
          },
        );
    }
  }

  async canAccessPatient(principal: AuthenticatedPrincipal, patientId: string): Promise<boolean> {
    const scope = this.scopeOf(principal);
    if (scope.kind !== 'departments') return scope.kind === 'all';
    const [row] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM patient_care_assignments WHERE facility_id = $6 AND patient_id = $1 AND department_id = ANY($2)
                        AND (ended_at IS NULL OR ended_at > $3))
           OR EXISTS (SELECT 1 FROM break_glass_grants WHERE patient_id = $1 AND user_id = $4 AND expires_at > $5) AS allowed`,
      [patientId, scope.departmentIds, this.careSince(), scope.userId, this.clock.now(), principal.facilityId],
    )) as { allowed: boolean }[];
    return row.allowed;
  }

  /**
   * First line of every service method that touches one patient's record (CONVENTIONS habit 2). A refusal is
   * an audit event of its own (committed at once: the caller's transaction, if any, rolls back with the 403).
   */
  async requirePatientAccess(principal: AuthenticatedPrincipal, patientId: string): Promise<void> {
    if (!(await this.canAccessPatient(principal, patientId))) {
      await this.audit.recordNow({
        action: 'access_denied',
        outcome: 'failure',
        actor: principal,
        resource: { type: 'patient', id: patientId },
        patientId,
        detail: { code: 'patient_out_of_scope' },
      });
      throw new IdentityError('patient_out_of_scope', 'This patient is not cared for by your department. In an emergency, use break-glass access with a reason.', {
        patientId,
        breakGlass: `/api/patients/${patientId}/break-glass`,
      });
    }
  }

  /**
   * Break-glass: open one patient's record for a limited time with a mandatory reason. Recorded as a
   * security event in the same transaction. `patientExists` is checked by the caller's domain.
   */
  async breakGlass(principal: UserPrincipal, patientId: string, reason: string, origin: RequestOrigin): Promise<BreakGlassGrant> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.options.breakGlassMinutes * 60_000);
    return this.dataSource.transaction(async (em) => {
      const grant = await em.save(
        em.create(BreakGlassGrantEntity, { facilityId: principal.facilityId, userId: principal.userId, patientId, reason: reason.trim(), grantedAt: now, expiresAt }),
      );
      await this.events.record(em, {
        type: 'break_glass',
        outcome: 'success',
        facilityId: principal.facilityId,
        actorUserId: principal.userId,
        actorUsername: principal.username,
        patientId,
        reason: grant.reason,
        detail: { grantId: grant.id, expiresAt: expiresAt.toISOString() },
        origin,
      });
      return { id: grant.id, patientId, reason: grant.reason, grantedAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
    });
  }

  async activeBreakGlassGrants(principal: UserPrincipal): Promise<BreakGlassGrant[]> {
    const rows = await this.dataSource
      .getRepository(BreakGlassGrantEntity)
      .createQueryBuilder('g')
      .where('g.user_id = :u AND g.expires_at > :now', { u: principal.userId, now: this.clock.now() })
      .orderBy('g.granted_at', 'DESC')
      .getMany();
    return rows.map((g) => ({ id: g.id, patientId: g.patientId, reason: g.reason, grantedAt: g.grantedAt.toISOString(), expiresAt: g.expiresAt.toISOString() }));
  }

  /** Called by the encounters domain when a department takes over a patient's care (admission, transfer in). */
  async startCare(em: EntityManager, input: { facilityId: string; patientId: string; departmentId: string; at: Date }): Promise<void> {
    await em.insert(PatientCareAssignmentEntity, { ...input, startedAt: input.at, endedAt: null });
  }

  /** Called on transfer out and discharge: the department keeps access for the configured window. */
  async endCare(em: EntityManager, input: { patientId: string; departmentId: string; at: Date }): Promise<void> {
    await em.update(PatientCareAssignmentEntity, { patientId: input.patientId, departmentId: input.departmentId, endedAt: IsNull() }, { endedAt: input.at });
  }

  /** Called when one patient record is merged into another: whoever cared for the source may see the target. */
  async copyCare(em: EntityManager, input: { fromPatientId: string; toPatientId: string; at: Date }): Promise<void> {
    await em.query(
      `INSERT INTO patient_care_assignments (facility_id, patient_id, department_id, started_at, ended_at)
         SELECT facility_id, $2, department_id, $3, ended_at FROM patient_care_assignments WHERE patient_id = $1`,
      [input.fromPatientId, input.toPatientId, input.at],
    );
  }

  private careSince(): Date {
    return new Date(this.clock.now().getTime() - this.options.careAccessDaysAfterEnd * 86_400_000);
  }
}
