import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentsModule } from '@benhan/api/documents';
import { EncountersModule } from '@benhan/api/encounters';
import { SIGNATURE_ENTITIES } from './entities';
import { PkiService } from './pki.service';
import { SignatureAccess } from './signature-access';
import { SignatureQueries } from './signature-queries';
import { PkiController, SignaturesController } from './signatures.controller';
import { SIGNATURES_OPTIONS, type SignaturesOptions } from './signatures.options';
import { SigningService } from './signing.service';
import { TrustService } from './trust.service';
import { SIGNER, ServerHeldKeySigner } from './signer';
import { ValidationService } from './validation.service';

/** Digital signatures: the facility PKI, signing with the PIN-protected key, time-stamps, validation reports. */
@Module({})
export class SignaturesModule {
  static forRoot(options: SignaturesOptions): DynamicModule {
    return {
      // Global: one PKI and one signer per application; the archive module reads its validation reports.
      global: true,
      module: SignaturesModule,
      imports: [TypeOrmModule.forFeature(SIGNATURE_ENTITIES), DocumentsModule, EncountersModule],
      controllers: [SignaturesController, PkiController],
      providers: [{ provide: SIGNATURES_OPTIONS, useValue: options }, PkiService, SigningService, ValidationService, SignatureQueries, SignatureAccess, TrustService, ServerHeldKeySigner, { provide: SIGNER, useExisting: ServerHeldKeySigner }],
      exports: [PkiService, SigningService, ValidationService, SignatureQueries],
    };
  }
}
