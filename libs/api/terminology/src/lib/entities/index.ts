import { CommuneEntity, ProvinceEntity } from './administrative-unit.entities';
import { EthnicityEntity } from './ethnicity.entity';
import { Icd10CatalogueEntity } from './icd10-catalogue.entity';
import { Icd10CodeEntity } from './icd10-code.entity';

export { CommuneEntity, EthnicityEntity, Icd10CatalogueEntity, Icd10CodeEntity, ProvinceEntity };
export const TERMINOLOGY_ENTITIES = [Icd10CatalogueEntity, Icd10CodeEntity, ProvinceEntity, CommuneEntity, EthnicityEntity];
