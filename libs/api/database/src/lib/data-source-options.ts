import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/**
 * Options for the one DataSource. Schema changes only through the checked-in migrations,
 * never `synchronize` (R8: the schema of a medical record is reviewed, not inferred).
 */
export function dataSourceOptions(url: string, entities: DataSourceOptions['entities'] = []): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    applicationName: 'benhan',
    extra: { max: 20 },
  };
}
