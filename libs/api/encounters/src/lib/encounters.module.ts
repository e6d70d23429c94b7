import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PatientsModule } from '@benhan/api/patients';
import { TerminologyModule } from '@benhan/api/terminology';
import { DIAGNOSIS_CODES } from './diagnosis-codes';
import { EncountersController, WardsController } from './encounters.controller';
import { EncountersService } from './encounters.service';
import { BedEntity } from './entities/bed.entity';
import { DiagnosisEntity } from './entities/diagnosis.entity';
import { EncounterEntity } from './entities/encounter.entity';
import { MovementEntity } from './entities/movement.entity';
import { WardEntity } from './entities/ward.entity';
import { RecordNumberSettingsController } from './record-number-settings.controller';
import { TerminologyDiagnosisCodes } from './terminology-diagnosis-codes';

@Module({
  imports: [TypeOrmModule.forFeature([WardEntity, BedEntity, EncounterEntity, MovementEntity, DiagnosisEntity]), PatientsModule, TerminologyModule],
  controllers: [EncountersController, WardsController, RecordNumberSettingsController],
  providers: [EncountersService, { provide: DIAGNOSIS_CODES, useClass: TerminologyDiagnosisCodes }],
  exports: [EncountersService],
})
export class EncountersModule {}
