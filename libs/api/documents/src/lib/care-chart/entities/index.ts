import { MedicationAdministrationEnteredInErrorEntity } from './medication-administration-entered-in-error.entity';
import { MedicationAdministrationEntity } from './medication-administration.entity';
import { VitalSignEnteredInErrorEntity } from './vital-sign-entered-in-error.entity';
import { VitalSignObservationEntity } from './vital-sign-observation.entity';

export { MedicationAdministrationEnteredInErrorEntity, MedicationAdministrationEntity, VitalSignEnteredInErrorEntity, VitalSignObservationEntity };

export const CARE_CHART_ENTITIES = [VitalSignObservationEntity, VitalSignEnteredInErrorEntity, MedicationAdministrationEntity, MedicationAdministrationEnteredInErrorEntity];
