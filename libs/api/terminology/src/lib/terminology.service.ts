import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@benhan/api/core';
import type { Commune, DiagnosisCodeRole, Ethnicity, Icd10Catalogue, Icd10Code, Icd10SearchResult, Province, Sex } from '@benhan/shared/contracts';
import { CommuneEntity, EthnicityEntity, Icd10CatalogueEntity, Icd10CodeEntity, ProvinceEntity } from './entities';
import { foldVietnamese } from '@benhan/shared/validation';
import { catalogueForDay, vietnamDay } from './icd10/catalogue-validity';
import { diagnosisUseProblem } from './icd10/diagnosis-use';
import { isIcd10Code, normaliseIcd10Code } from './icd10/icd10-csv';
import { TerminologyError } from './terminology.errors';

/** Which catalogue version: by name, else the one in force on a day (YYYY-MM-DD), else today's. */
export interface CatalogueChoice {
  version?: string;
  at?: string;
}

export interface Icd10SearchQuery extends CatalogueChoice {
  q?: string;
  limit: number;
}

/** The context a diagnosis code is checked in (R15). */
export interface DiagnosisCodeCheck {
  role: DiagnosisCodeRole;
  patientSex: Sex;
  /** The encounter's end (or now, while it is open): picks the catalogue version. Default: now. */
  at?: Date;
  /** The request field named in the 400's field error. Default: `code`. */
  field?: string;
}

/** Request fields named by requireCommune's errors; defaults match the patient contract's Address. */
export interface CommuneFields {
  province?: string;
  commune?: string;
}

const MAX_SEARCH_WORDS = 8;

/**
 * The reference code lists other domains check against (R15): ICD-10 in dated catalogue versions,
 * provinces and communes of the 2025 two-level administration, ethnic groups. Read-only: the rows come
 * from the loaders at start.
 */
@Injectable()
export class TerminologyService {
  private readonly logger = new Logger(TerminologyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * A diagnosis code that may be used here, or a 400 naming `check.field`: the code must exist in the
   * catalogue version in force at `check.at` and suit the role and the patient's sex (see
   * diagnosisUseProblem). Accepts `j18.9`, `J189`, `A17.0†`; returns the canonical entry to store,
   * with its catalogue version.
   */
  async requireDiagnosisCode(code: string, check: DiagnosisCodeCheck): Promise<Icd10Code> {
    const field = check.field ?? 'code';
    const catalogue = await this.catalogueAt(vietnamDay(check.at ?? this.clock.now()));
    const entry = await this.findCode(catalogue.id, code);
    if (!entry) {
      throw TerminologyError.field('unknown_diagnosis_code', field, `${code} is not a code of the ICD-10 list ${catalogue.version}`, { catalogueVersion: catalogue.version });
    }
    const problem = diagnosisUseProblem(entry.code, entry, check.role, check.patientSex);
    if (problem) throw TerminologyError.field(problem.code, field, problem.message, { catalogueVersion: catalogue.version });
    return toIcd10Code(entry, catalogue.version);
  }

  /** Ranked: the exact code, codes starting with the query, then titles (with or without diacritics). */
  async searchIcd10(query: Icd10SearchQuery): Promise<Icd10SearchResult> {
    const catalogue = await this.chooseCatalogue(query);
    const term = query.q?.trim() ?? '';
    const words = foldVietnamese(term).split(' ').filter(Boolean).slice(0, MAX_SEARCH_WORDS);
    if (!words.length) {
      const items = await this.dataSource.getRepository(Icd10CodeEntity).find({ where: { catalogueId: catalogue.id }, order: { code: 'ASC' }, take: query.limit });
      return { catalogue: toCatalogue(catalogue), items: items.map((e) => toIcd10Code(e, catalogue.version)) };
    }
    const code = normaliseIcd10Code(term).code;
    const phrase = words.join(' ');
    // $1 catalogue, $2 exact code, $3 code prefix, $4 phrase, $5 phrase at a word start, $6 limit, $7… each word.
    const params: unknown[] = [catalogue.id, code, `${escapeLike(code)}%`, phrase, `% ${escapeLike(phrase)}%`, query.limit];
    const wordConditions = words.map((word) => `c.search_text LIKE $${params.push(`%${escapeLike(word)}%`)}`);
    const rows = (await this.dataSource.query(
      `SELECT c.code, c.title_vi AS "titleVi", c.title_en AS "titleEn", c.chapter, c.dagger_asterisk AS "daggerAsterisk",
              c.sex_restriction AS "sexRestriction", c.cause_of_death_only AS "causeOfDeathOnly", c.not_principal AS "notPrincipal",
              c.principal_not_recommended AS "principalNotRecommended", c.longer_code_exists AS "longerCodeExists", r.rank
         FROM icd10_codes c
        CROSS JOIN LATERAL (SELECT CASE
                 WHEN c.code = $2 THEN 0
                 WHEN c.code LIKE $3 THEN 1
                 WHEN position($4 IN c.search_text) = length(c.code) + 2 THEN 2
                 WHEN c.search_text LIKE $5 THEN 3
                 ELSE 4 END AS rank) r
        WHERE c.catalogue_id = $1 AND (c.code LIKE $3 OR (${wordConditions.join(' AND ')}))
        ORDER BY r.rank, CASE WHEN r.rank <= 1 THEN c.code END, length(c.title_vi), c.code
        LIMIT $6`,
      params,
    )) as Icd10CodeEntity[];
    return { catalogue: toCatalogue(catalogue), items: rows.map((e) => toIcd10Code(e, catalogue.version)) };
  }

  async getIcd10(code: string, choice: CatalogueChoice = {}): Promise<Icd10Code> {
    const catalogue = await this.chooseCatalogue(choice);
    const entry = await this.findCode(catalogue.id, code);
    if (!entry) throw new TerminologyError('icd10_code_not_found', `${code} is not a code of the ICD-10 list ${catalogue.version}`, { catalogueVersion: catalogue.version });
    return toIcd10Code(entry, catalogue.version);
  }

  async listIcd10Catalogues(): Promise<Icd10Catalogue[]> {
    const all = await this.dataSource.getRepository(Icd10CatalogueEntity).find({ order: { validFrom: 'ASC' } });
    return all.map(toCatalogue);
  }

  listProvinces(): Promise<Province[]> {
    return this.dataSource.getRepository(ProvinceEntity).find({ order: { code: 'ASC' } });
  }

  async listCommunes(provinceCode: string): Promise<Commune[]> {
    if (!(await this.dataSource.getRepository(ProvinceEntity).existsBy({ code: provinceCode }))) {
      throw new TerminologyError('province_not_found', `No province with code ${provinceCode}`);
    }
    return this.dataSource.getRepository(CommuneEntity).find({ where: { provinceCode }, order: { code: 'ASC' } });
  }

  listEthnicities(): Promise<Ethnicity[]> {
    return this.dataSource.getRepository(EthnicityEntity).find({ order: { code: 'ASC' } });
  }

  /** A commune of that province, or a 400 naming the field at fault. */
  async requireCommune(provinceCode: string, communeCode: string, fields: CommuneFields = {}): Promise<Commune> {
    const provinceField = fields.province ?? 'address.provinceCode';
    const communeField = fields.commune ?? 'address.communeCode';
    if (!(await this.dataSource.getRepository(ProvinceEntity).existsBy({ code: provinceCode }))) {
      throw TerminologyError.field('unknown_province', provinceField, `${provinceCode} is not a province code (2025 list)`);
    }
    const commune = await this.dataSource.getRepository(CommuneEntity).findOneBy({ code: communeCode });
    if (!commune) throw TerminologyError.field('unknown_commune', communeField, `${communeCode} is not a commune code (2025 list)`);
    if (commune.provinceCode !== provinceCode) {
      throw TerminologyError.field('commune_not_in_province', communeField, `Commune ${communeCode} (${commune.name}) is not in province ${provinceCode}`);
    }
    return { code: commune.code, name: commune.name, provinceCode: commune.provinceCode };
  }

  /**
   * One of the 54 ethnic groups, or a 400 naming `field`. Foreigners have no ethnicity code: the
   * caller leaves it empty and records the nationality instead.
   */
  async requireEthnicity(code: string, field = 'ethnicityCode'): Promise<Ethnicity> {
    const found = await this.dataSource.getRepository(EthnicityEntity).findOneBy({ code });
    if (!found) throw TerminologyError.field('unknown_ethnicity', field, `${code} is not an ethnicity code (01–54)`);
    return { code: found.code, name: found.name };
  }

  private async chooseCatalogue(choice: CatalogueChoice): Promise<Icd10CatalogueEntity> {
    if (choice.version !== undefined) {
      const found = await this.dataSource.getRepository(Icd10CatalogueEntity).findOneBy({ version: choice.version });
      if (!found) throw TerminologyError.field('unknown_catalogue_version', 'version', `No ICD-10 catalogue version ${choice.version}`);
      return found;
    }
    return this.catalogueAt(choice.at ?? vietnamDay(this.clock.now()));
  }

  private async catalogueAt(day: string): Promise<Icd10CatalogueEntity> {
    const picked = catalogueForDay(await this.dataSource.getRepository(Icd10CatalogueEntity).find(), day);
    if (!picked) throw new TerminologyError('terminology_not_loaded', 'No ICD-10 catalogue is loaded');
    if (!picked.inForce) this.logger.warn(`No ICD-10 catalogue in force on ${day}: using ${picked.catalogue.version} (${picked.catalogue.validFrom} – ${picked.catalogue.validTo ?? '…'})`);
    return picked.catalogue;
  }

  private async findCode(catalogueId: number, raw: string): Promise<Icd10CodeEntity | null> {
    const { code } = normaliseIcd10Code(raw);
    if (!isIcd10Code(code)) return null;
    return this.dataSource.getRepository(Icd10CodeEntity).findOneBy({ catalogueId, code });
  }
}

function toCatalogue(c: Icd10CatalogueEntity): Icd10Catalogue {
  return { version: c.version, title: c.title, source: c.source, validFrom: c.validFrom, validTo: c.validTo };
}

function toIcd10Code(e: Omit<Icd10CodeEntity, 'catalogueId' | 'searchText'>, catalogueVersion: string): Icd10Code {
  return {
    code: e.code,
    titleVi: e.titleVi,
    titleEn: e.titleEn,
    chapter: e.chapter,
    daggerAsterisk: e.daggerAsterisk,
    sexRestriction: e.sexRestriction === 'F' ? 'female' : e.sexRestriction === 'M' ? 'male' : null,
    causeOfDeathOnly: e.causeOfDeathOnly,
    notPrincipal: e.notPrincipal,
    principalNotRecommended: e.principalNotRecommended,
    longerCodeExists: e.longerCodeExists,
    catalogueVersion,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}
