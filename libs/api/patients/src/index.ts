export { PatientsModule } from './lib/patients.module';
export { PatientsService } from './lib/patients.service';
export { PatientEntity } from './lib/entities/patient.entity';
