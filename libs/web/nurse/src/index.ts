export { NURSE_ROUTES } from './lib/nurse.routes';
