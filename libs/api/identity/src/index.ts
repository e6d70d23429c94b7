export { IdentityModule } from './lib/identity.module';
export type { IdentityOptions } from './lib/identity.options';
export { JwtAuthGuard } from './lib/auth/jwt-auth.guard';
export { PasswordHasher } from './lib/auth/password-hasher';
export { UsersService } from './lib/users/users.service';
export { DepartmentsService } from './lib/departments/departments.service';
export { PatientAccessService, type PatientScope } from './lib/access/patient-access.service';
export { SecurityEventsService } from './lib/security-events/security-events.service';
export { IdentityError } from './lib/identity.errors';
export { BreakGlassDto } from './lib/dto/break-glass.dto';
export { ListQueryDto } from './lib/dto/user.dto';
export {
  DepartmentEntity,
  FacilityEntity,
  SystemClientEntity,
  UserDepartmentEntity,
  UserEntity,
  IDENTITY_ENTITIES,
} from './lib/entities';
