import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EncountersModule } from '@benhan/api/encounters';
import { PatientsModule } from '@benhan/api/patients';

/** Clinical documents on the Ministry's forms, their immutable versions, completeness, and the nurses' care chart. */
@Module({
  imports: [TypeOrmModule.forFeature([]), EncountersModule, PatientsModule],
  controllers: [],
  providers: [],
  exports: [],
})
export class DocumentsModule {}
