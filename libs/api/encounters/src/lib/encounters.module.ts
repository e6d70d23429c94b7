import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WardsController } from './encounters.controller';
import { EncountersService } from './encounters.service';
import { BedEntity } from './entities/bed.entity';
import { EncounterEntity } from './entities/encounter.entity';
import { WardEntity } from './entities/ward.entity';

@Module({
  imports: [TypeOrmModule.forFeature([WardEntity, BedEntity, EncounterEntity])],
  controllers: [WardsController],
  providers: [EncountersService],
  exports: [EncountersService],
})
export class EncountersModule {}
