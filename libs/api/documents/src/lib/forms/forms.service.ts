import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@benhan/api/audit';
import { Clock, canonicalSha256, type UserPrincipal } from '@benhan/api/core';
import {
  USER_ROLES,
  type EncounterType,
  type FieldError,
  type FormDefinition,
  type FormRequirement,
  type FormSettingsRequest,
  type FormSummary,
  type SignerStep,
  type UploadFormRequest,
} from '@benhan/shared/contracts';
import { DocumentError } from '../documents.errors';
import { FormSettingsEntity } from '../entities/form-settings.entity';
import { FormVersionEntity } from '../entities/form-version.entity';
import { readShippedForms } from './form-files';
import { FormSchemaCompiler, contentErrors } from './form-schema';

const FORMS_LOAD_LOCK = 4_620_260_006;
const CATEGORIES = ['medical_record', 'treatment', 'nursing', 'medication', 'consultation', 'procedure', 'request_result', 'discharge', 'transfer', 'summary'];
const SIGNER_ROLES = ['author', 'head_of_department', ...USER_ROLES];
const ENCOUNTER_TYPES: EncounterType[] = ['inpatient', 'outpatient'];

/** A form version with this facility's signer matrix and completeness rule applied. */
export interface EffectiveForm {
  form: FormVersionEntity;
  signers: SignerStep[];
  requiredFor: FormRequirement[];
  active: boolean;
}

/**
 * The form registry. Forms are data: the Ministry's forms ship as JSON files and load at start (a changed
 * file becomes a new schema version); an admin can upload more without a deploy. Schema versions never
 * change once stored, so a document is always read with the schema it was written on.
 */
@Injectable()
export class FormsService implements OnModuleInit {
  private readonly logger = new Logger(FormsService.name);
  private readonly compiler = new FormSchemaCompiler();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  async onModuleInit(): Promise<void> {
    const loaded = await this.loadShipped();
    if (loaded.length) this.logger.log(`Stored new schema versions of ${loaded.length} shipped form(s): ${loaded.join(', ')}`);
  }

  /** Store each shipped form whose definition differs from its latest stored version. Returns the codes stored. */
  async loadShipped(): Promise<string[]> {
    const shipped = readShippedForms().map(({ file, definition }) => {
      const problems = this.definitionProblems(definition);
      if (problems.length) throw new Error(`Form definition ${file} is invalid: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
      return definition;
    });
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [FORMS_LOAD_LOCK]);
      const stored: string[] = [];
      for (const definition of shipped) {
        if (await this.storeIfChanged(em, definition, 'shipped', null)) stored.push(definition.code);
      }
      return stored;
    });
  }

  async list(facilityId: string, encounterType?: EncounterType): Promise<FormSummary[]> {
    const latest = await this.dataSource.getRepository(FormVersionEntity).query(
      `SELECT DISTINCT ON (code) code, version FROM form_versions ORDER BY code, version DESC`,
    ) as { code: string; version: number }[];
    const forms = await Promise.all(latest.map((row) => this.effective(facilityId, row.code, row.version)));
    return forms
      .filter(({ form }) => !encounterType || form.encounterTypes.includes(encounterType))
      .map((effective) => summaryOf(effective));
  }

  async get(facilityId: string, code: string, version?: number): Promise<FormDefinition> {
    const effective = await this.effective(facilityId, code, version);
    return { ...summaryOf(effective), schema: effective.form.schema, uncertainties: effective.form.uncertainties };
  }

  /** The form version (latest when none is named) with the facility's settings applied. */
  async effective(facilityId: string, code: string, version?: number, em: EntityManager = this.dataSource.manager): Promise<EffectiveForm> {
    const form = await em.getRepository(FormVersionEntity).findOne({ where: version ? { code, version } : { code }, order: { version: 'DESC' } });
    if (!form) throw new DocumentError('form_not_found', version ? `Form ${code} has no schema version ${version}` : `No form ${code}`, { code });
    const settings = await em.getRepository(FormSettingsEntity).findOneBy({ facilityId, formCode: code });
    return { form, signers: settings?.signers ?? form.signers, requiredFor: settings?.requiredFor ?? form.requiredFor, active: settings?.active ?? true };
  }

  async upload(principal: UserPrincipal, request: UploadFormRequest): Promise<FormDefinition> {
    const problems = this.definitionProblems(request);
    if (problems.length) throw new DocumentError('invalid_form', 'The form definition is invalid', {}, problems);
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [FORMS_LOAD_LOCK]);
      if (!(await this.storeIfChanged(em, request, 'uploaded', principal.userId))) return;
      const stored = await em.getRepository(FormVersionEntity).findOneOrFail({ where: { code: request.code }, order: { version: 'DESC' } });
      await this.audit.record(em, {
        action: 'config_change',
        actor: principal,
        resource: { type: 'configuration', id: `form:${request.code}`, version: stored.version },
        detail: { change: 'form_upload', code: request.code, schemaVersion: stored.version, definitionHash: stored.definitionHash },
      });
    });
    return this.get(principal.facilityId, request.code);
  }

  async updateSettings(principal: UserPrincipal, code: string, request: FormSettingsRequest): Promise<FormDefinition> {
    const before = await this.effective(principal.facilityId, code);
    const problems = [...signerProblems(request.signers), ...requirementProblems(request.requiredFor)];
    if (problems.length) throw new DocumentError('invalid_form', 'The form settings are invalid', {}, problems);
    await this.dataSource.transaction(async (em) => {
      await em.getRepository(FormSettingsEntity).save({
        facilityId: principal.facilityId,
        formCode: code,
        signers: request.signers,
        requiredFor: request.requiredFor,
        active: request.active,
        updatedAt: this.clock.now(),
        updatedBy: principal.userId,
      });
      // Settings are configuration, not clinical content: the event keeps what they were and became.
      await this.audit.record(em, {
        action: 'config_change',
        actor: principal,
        resource: { type: 'configuration', id: `form:${code}` },
        detail: {
          change: 'form_settings',
          code,
          before: { signers: before.signers, requiredFor: before.requiredFor, active: before.active },
          after: { signers: request.signers, requiredFor: request.requiredFor, active: request.active },
        },
      });
    });
    return this.get(principal.facilityId, code);
  }

  /** Content checked against the form version: `draft` allows what is still missing, `complete` does not. */
  validateContent(form: FormVersionEntity, content: unknown, mode: 'draft' | 'complete'): FieldError[] {
    const compiled = this.compiler.compiled(`${form.code}@${form.version}`, form.schema);
    const validate = mode === 'draft' ? compiled.draft : compiled.complete;
    return validate(content) ? [] : contentErrors(validate.errors);
  }

  private definitionProblems(definition: UploadFormRequest): FieldError[] {
    const problems: FieldError[] = [];
    if (typeof definition.code !== 'string' || !/^[0-9A-Za-z][0-9A-Za-z/_.-]{0,19}$/.test(definition.code)) problems.push({ field: 'code', message: 'must be 1–20 letters, digits, / _ . -' });
    // The request's DTO checks little of the shape (title is "an object", a lone string passes "strings each"): types are checked here.
    if (!isText(definition.title?.vi) || !isText(definition.title?.en)) problems.push({ field: 'title', message: 'needs a Vietnamese and an English title' });
    if (!CATEGORIES.includes(definition.category)) problems.push({ field: 'category', message: `must be one of ${CATEGORIES.join(', ')}` });
    if (!isText(definition.source)) problems.push({ field: 'source', message: 'must name the regulation the form follows' });
    if (!Array.isArray(definition.encounterTypes) || !definition.encounterTypes.length || definition.encounterTypes.some((t) => !ENCOUNTER_TYPES.includes(t))) problems.push({ field: 'encounterTypes', message: 'must list inpatient and/or outpatient' });
    if (!Array.isArray(definition.authorRoles) || !definition.authorRoles.length || definition.authorRoles.some((r) => !(USER_ROLES as readonly string[]).includes(r))) problems.push({ field: 'authorRoles', message: 'must list user roles' });
    if (typeof definition.repeatable !== 'boolean') problems.push({ field: 'repeatable', message: 'must be true or false' });
    problems.push(...signerProblems(definition.signers), ...requirementProblems(definition.requiredFor ?? []));
    problems.push(...this.compiler.lint(definition.schema));
    return problems;
  }

  private async storeIfChanged(em: EntityManager, definition: UploadFormRequest, origin: 'shipped' | 'uploaded', userId: string | null): Promise<boolean> {
    const hash = canonicalSha256(definition);
    const latest = await em.getRepository(FormVersionEntity).findOne({ where: { code: definition.code }, order: { version: 'DESC' } });
    // A shipped file compares with the last shipped version, so an unchanged file never buries an admin's upload.
    const previous = origin === 'shipped' ? await em.getRepository(FormVersionEntity).findOne({ where: { code: definition.code, origin }, order: { version: 'DESC' } }) : latest;
    if (previous?.definitionHash === hash) return false;
    await em.getRepository(FormVersionEntity).insert({
      // TypeORM's deep-partial type cannot express a JSON Schema column, hence the casts.
      code: definition.code,
      version: (latest?.version ?? 0) + 1,
      titleVi: definition.title.vi,
      titleEn: definition.title.en,
      category: definition.category,
      source: definition.source,
      encounterTypes: definition.encounterTypes,
      authorRoles: definition.authorRoles,
      repeatable: definition.repeatable,
      signers: definition.signers,
      requiredFor: definition.requiredFor ?? [],
      requirementGroup: definition.requirementGroup ?? null,
      schema: definition.schema as never,
      uncertainties: definition.uncertainties ?? [],
      definitionHash: hash,
      origin,
      createdAt: this.clock.now(),
      createdBy: userId,
    });
    return true;
  }
}

function summaryOf({ form, signers, requiredFor, active }: EffectiveForm): FormSummary {
  return {
    code: form.code,
    version: form.version,
    title: { vi: form.titleVi, en: form.titleEn },
    category: form.category,
    source: form.source,
    encounterTypes: form.encounterTypes,
    authorRoles: form.authorRoles,
    repeatable: form.repeatable,
    signers,
    requiredFor,
    requirementGroup: form.requirementGroup,
    active,
  };
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function signerProblems(signers: SignerStep[] | undefined): FieldError[] {
  if (!Array.isArray(signers) || !signers.length) return [{ field: 'signers', message: 'needs at least one signer step' }];
  const problems: FieldError[] = [];
  signers.forEach((s, i) => {
    if (s.step !== i + 1) problems.push({ field: `signers[${i}].step`, message: `must be ${i + 1}: steps are numbered 1, 2, … in order` });
    if (!SIGNER_ROLES.includes(s.role)) problems.push({ field: `signers[${i}].role`, message: `must be one of ${SIGNER_ROLES.join(', ')}` });
    if (typeof s.label !== 'string' || !s.label.trim()) problems.push({ field: `signers[${i}].label`, message: 'needs the label printed on the form' });
  });
  if (signers[0] && signers[0].role !== 'author') problems.push({ field: 'signers[0].role', message: 'the first signature is the author’s' });
  return problems;
}

function requirementProblems(requiredFor: FormRequirement[]): FieldError[] {
  if (!Array.isArray(requiredFor)) return [{ field: 'requiredFor', message: 'must be a list' }];
  return requiredFor.flatMap((r, i) =>
    ENCOUNTER_TYPES.includes(r?.encounterType) && typeof r?.whenFinished === 'boolean'
      ? []
      : [{ field: `requiredFor[${i}]`, message: 'needs encounterType (inpatient|outpatient) and whenFinished (boolean)' }],
  );
}
