export { INSPECTOR_ROUTES } from './lib/inspector.routes';
