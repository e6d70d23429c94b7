export * from './lib/api-identity.module';
