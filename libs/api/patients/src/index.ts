export { PatientsModule } from './lib/patients.module';
export { PatientsService, type NewPatient } from './lib/patients.service';
export { PatientEntity } from './lib/entities/patient.entity';
export { foldVietnamese } from './lib/fold-vietnamese';
