export { EncountersModule } from './lib/encounters.module';
export { EncountersService } from './lib/encounters.service';
export { WardEntity } from './lib/entities/ward.entity';
export { BedEntity } from './lib/entities/bed.entity';
export { EncounterEntity } from './lib/entities/encounter.entity';
