import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reference code lists (R15): ICD-10 in dated catalogue versions (a diagnosis is checked against the
 * version in force at the encounter's end), the 2025 two-level administrative units, the 54 ethnic
 * groups. The rows come from the terminology domain's loader on start, not from this migration.
 */
export class TerminologyInit1795800003000 implements MigrationInterface {
  name = 'TerminologyInit1795800003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TABLE icd10_catalogues (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        version text NOT NULL UNIQUE CHECK (version ~ '^[A-Za-z0-9._-]{1,40}$'),
        title text NOT NULL,
        source text NOT NULL,
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to IS NULL OR valid_to >= valid_from),
        loaded_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE icd10_codes (
        catalogue_id integer NOT NULL REFERENCES icd10_catalogues(id) ON DELETE CASCADE,
        code varchar(8) NOT NULL CHECK (code ~ '^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,3})?$'),
        title_vi text NOT NULL,
        title_en text,
        chapter varchar(5) NOT NULL,
        dagger_asterisk char(1) CHECK (dagger_asterisk IN ('†', '*')),
        -- Code and both titles, lower-cased and without diacritics: what accent-free search matches.
        search_text text NOT NULL,
        -- Usage rules (TT 06/2026 columns 24–29; derived for lists without them).
        sex_restriction char(1) CHECK (sex_restriction IN ('M', 'F')),
        cause_of_death_only boolean NOT NULL DEFAULT false,
        not_principal boolean NOT NULL DEFAULT false,
        principal_not_recommended boolean NOT NULL DEFAULT false,
        longer_code_exists boolean NOT NULL DEFAULT false,
        PRIMARY KEY (catalogue_id, code)
      );
      -- Code prefix (J18 → J18, J18.0 …) whatever the database collation; words anywhere in the titles.
      CREATE INDEX icd10_codes_code_prefix_idx ON icd10_codes (catalogue_id, code varchar_pattern_ops);
      CREATE INDEX icd10_codes_search_trgm_idx ON icd10_codes USING gin (search_text gin_trgm_ops);

      -- 2025 two-level administration: province (tỉnh/thành phố) and commune (xã/phường/đặc khu).
      CREATE TABLE provinces (
        code varchar(2) PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL
      );
      CREATE TABLE communes (
        code varchar(5) PRIMARY KEY CHECK (code ~ '^[0-9]{5}$'),
        name text NOT NULL,
        province_code varchar(2) NOT NULL REFERENCES provinces(code)
      );
      CREATE INDEX communes_province_idx ON communes (province_code, code);

      CREATE TABLE ethnicities (
        code varchar(2) PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
        name text NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    // pg_trgm stays: other domains' indexes use it.
    await q.query(`DROP TABLE ethnicities, communes, provinces, icd10_codes, icd10_catalogues;`);
  }
}
