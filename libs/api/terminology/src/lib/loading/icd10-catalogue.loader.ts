import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import { DataSource, type EntityManager } from 'typeorm';
import { readIcd10Rows } from '../icd10/icd10-csv';
import type { Icd10CatalogueSpec } from '../icd10/icd10-catalogues';
import { readTerminologyFile } from './data-files';
import { insertBatched, TERMINOLOGY_LOAD_LOCK } from './insert-batched';
import { CsvTable } from './parse-csv';

const CODE_COLUMNS = [
  'catalogue_id',
  'code',
  'title_vi',
  'title_en',
  'chapter',
  'dagger_asterisk',
  'search_text',
  'sex_restriction',
  'cause_of_death_only',
  'not_principal',
  'principal_not_recommended',
  'longer_code_exists',
] as const;

/** What one load did, for the log line and the tests. */
export interface Icd10LoadResult {
  version: string;
  rows: number;
  /** Reading and checking the file. */
  parseMs: number;
  /** The database transaction. */
  insertMs: number;
}

/**
 * Loads ICD-10 catalogue versions from their CSV files: a version already in icd10_catalogues is left
 * alone (a version, once loaded, is what past diagnoses were coded against); a new one goes in whole,
 * in one transaction, or not at all.
 */
@Injectable()
export class Icd10CatalogueLoader {
  private readonly logger = new Logger(Icd10CatalogueLoader.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Load every listed version that the database lacks; returns what was loaded. */
  async loadMissing(specs: readonly Icd10CatalogueSpec[]): Promise<Icd10LoadResult[]> {
    const loaded: Icd10LoadResult[] = [];
    for (const spec of specs) {
      const result = await this.load(spec);
      if (result) loaded.push(result);
    }
    return loaded;
  }

  /** Load one version unless present; null when it already was (or another process loaded it first). */
  async load(spec: Icd10CatalogueSpec): Promise<Icd10LoadResult | null> {
    if (await this.isLoaded(this.dataSource.manager, spec.version)) return null;

    const parseStart = performance.now();
    const rows = readIcd10Rows(CsvTable.parse(await readTerminologyFile(spec.file), spec.file), spec.columns, spec.file);
    if (spec.expectedRows !== undefined && rows.length !== spec.expectedRows) {
      throw new Error(`ICD-10 ${spec.version}: ${spec.file} has ${rows.length} codes, expected ${spec.expectedRows}`);
    }
    const parseMs = performance.now() - parseStart;

    const insertStart = performance.now();
    const inserted = await this.dataSource.transaction('READ COMMITTED', async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [TERMINOLOGY_LOAD_LOCK]);
      if (await this.isLoaded(em, spec.version)) return false;
      const [{ id }] = (await em.query(
        `INSERT INTO icd10_catalogues (version, title, source, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [spec.version, spec.title, spec.source, spec.validFrom, spec.validTo],
      )) as { id: number }[];
      await insertBatched(
        em,
        'icd10_codes',
        CODE_COLUMNS,
        rows.map((r) => [
          id,
          r.code,
          r.titleVi,
          r.titleEn,
          r.chapter,
          r.daggerAsterisk,
          r.searchText,
          r.sexRestriction,
          r.causeOfDeathOnly,
          r.notPrincipal,
          r.principalNotRecommended,
          r.longerCodeExists,
        ]),
      );
      return true;
    });
    if (!inserted) return null;
    const result = { version: spec.version, rows: rows.length, parseMs: Math.round(parseMs), insertMs: Math.round(performance.now() - insertStart) };
    this.logger.log(`Loaded ICD-10 catalogue ${result.version}: ${result.rows} codes (file ${result.parseMs} ms, database ${result.insertMs} ms)`);
    return result;
  }

  private async isLoaded(em: EntityManager, version: string): Promise<boolean> {
    const found = (await em.query('SELECT 1 FROM icd10_catalogues WHERE version = $1', [version])) as unknown[];
    return found.length > 0;
  }
}
