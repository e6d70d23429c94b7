export * from './lib/embedded-postgres';
export * from './lib/database-url';
export * from './lib/data-source-options';
export * from './lib/migrate';
export * from './lib/test-database';
export * from './lib/app-role';
