import { BreakGlassGrantEntity } from './break-glass-grant.entity';
import { DepartmentEntity } from './department.entity';
import { FacilityEntity } from './facility.entity';
import { PatientCareAssignmentEntity } from './patient-care-assignment.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';
import { SystemClientEntity } from './system-client.entity';
import { UserDepartmentEntity } from './user-department.entity';
import { UserEntity } from './user.entity';

export {
  BreakGlassGrantEntity,
  DepartmentEntity,
  FacilityEntity,
  PatientCareAssignmentEntity,
  RefreshTokenEntity,
  SessionEntity,
  SystemClientEntity,
  UserDepartmentEntity,
  UserEntity,
};

export const IDENTITY_ENTITIES = [
  FacilityEntity,
  DepartmentEntity,
  UserEntity,
  UserDepartmentEntity,
  SessionEntity,
  RefreshTokenEntity,
  SystemClientEntity,
  PatientCareAssignmentEntity,
  BreakGlassGrantEntity,
];
