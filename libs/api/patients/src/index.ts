export * from './lib/api-patients.module';
