export * from './lib/audit.module';
export * from './lib/audit-log.service';
export * from './lib/chain/chain-verifier';
export * from './lib/entities';
