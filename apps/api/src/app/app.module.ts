import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AccessGuard, CoreModule, ProblemDetailsFilter } from '@benhan/api/core';
import { dataSourceOptions } from '@benhan/api/database';
import { DocumentsModule } from '@benhan/api/documents';
import { EncountersModule } from '@benhan/api/encounters';
import { IdentityModule, JwtAuthGuard } from '@benhan/api/identity';
import { PatientsModule } from '@benhan/api/patients';
import { SignaturesModule } from '@benhan/api/signatures';
import { ArchiveModule } from '@benhan/api/archive';
import { AuditModule } from '@benhan/api/audit';
import { InspectionModule } from '@benhan/api/inspection';
import { OrdersModule } from '@benhan/api/orders';
import { InteropFhirModule } from '@benhan/api/interop-fhir';
import { InteropHl7v2Module } from '@benhan/api/interop-hl7v2';
import { TerminologyModule } from '@benhan/api/terminology';
import type { AppConfig } from '../config/env.schema';
import { APP_CONFIG } from '../config/app-config.token';
import { DemoSeedService } from '../demo/demo-seed.service';
import { FacilityBootstrapService } from '../demo/facility-bootstrap.service';
import { HealthController } from '../health/health.controller';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** The composition root: configuration, database, logging, and every domain module. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Honour a caller's (proxy's) request id if it is sane, else make one; echo it back.
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password'],
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            autoLogging: { ignore: (req) => req.url?.startsWith('/health/') ?? false },
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true, logging: config.databaseLogQueries ? ['query'] : false }),
        TerminusModule,
        CoreModule.forRoot({ clockOffsetMs: config.testClockOffsetDays * 86_400_000 }),
        AuditModule,
        IdentityModule.forRoot(config.identity),
        PatientsModule,
        EncountersModule,
        DocumentsModule,
        SignaturesModule.forRoot(config.signatures),
        ArchiveModule.forRoot(config.archive),
        InspectionModule.forRoot(config.audit),
        TerminologyModule,
        OrdersModule,
        InteropFhirModule,
        InteropHl7v2Module.forRoot(config.hl7v2),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // Order matters: authenticate first, then check the route's access rule (deny by default).
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        FacilityBootstrapService,
        DemoSeedService,
      ],
    };
  }
}
