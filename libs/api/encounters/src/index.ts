export * from './lib/api-encounters.module';
