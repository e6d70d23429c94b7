import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@benhan/api/audit';
import { BreakGlassController } from './access/break-glass.controller';
import { PatientAccessService } from './access/patient-access.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { PasswordHasher } from './auth/password-hasher';
import { TokenService } from './auth/token.service';
import { DepartmentsController } from './departments/departments.controller';
import { DepartmentsService } from './departments/departments.service';
import { IDENTITY_ENTITIES } from './entities';
import { IDENTITY_OPTIONS, IdentityOptions } from './identity.options';
import { SecurityEventsController } from './security-events/security-events.controller';
import { SecurityEventsService } from './security-events/security-events.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** Users, roles, departments, sign-in, sessions, system clients, department scoping and break-glass. */
@Module({})
export class IdentityModule {
  static forRoot(options: IdentityOptions): DynamicModule {
    return {
      module: IdentityModule,
      global: true,
      imports: [
        // Security events are audit events: every user of identity writes the audit trail.
        AuditModule,
        TypeOrmModule.forFeature(IDENTITY_ENTITIES),
        PassportModule,
        JwtModule.register({}),
        ThrottlerModule.forRoot([{ name: 'sign-in', limit: options.loginRateLimit.limit, ttl: options.loginRateLimit.ttlSeconds * 1000 }]),
      ],
      controllers: [AuthController, UsersController, DepartmentsController, SecurityEventsController, BreakGlassController],
      providers: [
        { provide: IDENTITY_OPTIONS, useValue: options },
        PasswordHasher,
        TokenService,
        SecurityEventsService,
        UsersService,
        DepartmentsService,
        AuthService,
        PatientAccessService,
        LocalStrategy,
        JwtStrategy,
        JwtAuthGuard,
      ],
      exports: [PasswordHasher, UsersService, DepartmentsService, PatientAccessService, SecurityEventsService, JwtAuthGuard],
    };
  }
}
