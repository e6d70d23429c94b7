export { ADMIN_ROUTES } from './lib/admin.routes';
