import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TERMINOLOGY_ENTITIES } from './entities';
import { Icd10CatalogueLoader } from './loading/icd10-catalogue.loader';
import { ReferenceListsLoader } from './loading/reference-lists.loader';
import { TerminologyBootstrap } from './terminology.bootstrap';
import { TerminologyController } from './terminology.controller';
import { TerminologyService } from './terminology.service';

@Module({
  imports: [TypeOrmModule.forFeature(TERMINOLOGY_ENTITIES)],
  controllers: [TerminologyController],
  providers: [TerminologyService, Icd10CatalogueLoader, ReferenceListsLoader, TerminologyBootstrap],
  exports: [TerminologyService],
})
export class TerminologyModule {}
