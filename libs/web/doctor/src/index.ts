export { DOCTOR_ROUTES } from './lib/doctor.routes';
