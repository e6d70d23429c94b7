import { readFileSync } from 'node:fs';
import { RETENTION_CATEGORIES, type DischargeOutcome, type RetentionCategory, type RetentionDecision } from '@benhan/shared/contracts';

/**
 * Retention of medical records (R21): 31 December of the year the episode ended + N years. N by the
 * longest rule that matches; a null N keeps the record permanently. The shipped rules follow the annex of
 * TT 33/2025/TT-BYT (previously TT 53/2017): 10 years by default; 20 years for mental illness, occupational
 * and traffic accidents, organ transplants and cosmetic surgery; 30 years when the patient died; medical
 * incident files permanently. A facility may replace them with a JSON file (ARCHIVE_RETENTION_RULES).
 */
export interface RetentionRule {
  category: RetentionCategory;
  /** null = permanent. */
  years: number | null;
  /** How the rule is named on screen and in the archive ("Tử vong: 30 năm"). */
  label: string;
  /** Found from the record without anyone asserting it: discharge outcomes, ICD-10 code prefixes (dots ignored). */
  when?: { dischargeOutcomes?: DischargeOutcome[]; diagnosisPrefixes?: string[] };
}

export interface RetentionRules {
  defaultYears: number;
  defaultLabel: string;
  rules: RetentionRule[];
}

export const SHIPPED_RETENTION_RULES: RetentionRules = {
  defaultYears: 10,
  defaultLabel: 'Hồ sơ bệnh án: 10 năm',
  rules: [
    { category: 'medical_incident', years: null, label: 'Hồ sơ sự cố y khoa: vĩnh viễn' },
    { category: 'death', years: 30, label: 'Người bệnh tử vong: 30 năm', when: { dischargeOutcomes: ['died'] } },
    { category: 'mental_illness', years: 20, label: 'Bệnh tâm thần: 20 năm', when: { diagnosisPrefixes: ['F'] } },
    // V01–V99: transport accidents (ICD-10 chapter XX).
    { category: 'traffic_accident', years: 20, label: 'Tai nạn giao thông: 20 năm', when: { diagnosisPrefixes: ['V'] } },
    // Y96: work-related condition.
    { category: 'occupational_accident', years: 20, label: 'Tai nạn lao động: 20 năm', when: { diagnosisPrefixes: ['Y96'] } },
    // Z94: transplanted organ and tissue status; Z52: donors.
    { category: 'transplant', years: 20, label: 'Ghép tạng: 20 năm', when: { diagnosisPrefixes: ['Z94', 'Z52'] } },
    // Z41.1: other plastic surgery for unacceptable cosmetic appearance.
    { category: 'cosmetic_surgery', years: 20, label: 'Phẫu thuật thẩm mỹ: 20 năm', when: { diagnosisPrefixes: ['Z411'] } },
  ],
};

export interface RetentionFacts {
  endedAt: Date;
  dischargeOutcome: DischargeOutcome | null;
  diagnosisCodes: string[];
  /** Categories the records office asserts (a medical-incident file cannot be found from codes). */
  asserted: RetentionCategory[];
}

/** The longest matching rule wins; permanent beats any number of years. */
export function decideRetention(rules: RetentionRules, facts: RetentionFacts): RetentionDecision {
  const codes = facts.diagnosisCodes.map((c) => c.replace('.', '').toUpperCase());
  const matched = rules.rules.filter(
    (r) =>
      facts.asserted.includes(r.category) ||
      (facts.dischargeOutcome !== null && r.when?.dischargeOutcomes?.includes(facts.dischargeOutcome)) ||
      r.when?.diagnosisPrefixes?.some((prefix) => codes.some((c) => c.startsWith(prefix.replace('.', '').toUpperCase()))),
  );
  const categories = [...new Set(matched.map((r) => r.category))];
  const permanent = matched.find((r) => r.years === null);
  if (permanent) return { years: null, rule: permanent.label, categories, retainUntil: null };
  const longest = matched.reduce<RetentionRule | null>((best, r) => (best === null || (r.years ?? 0) > (best.years ?? 0) ? r : best), null);
  const years = Math.max(rules.defaultYears, longest?.years ?? 0);
  const rule = longest && (longest.years ?? 0) >= rules.defaultYears ? longest.label : rules.defaultLabel;
  // The year the episode ended, in Vietnam time (UTC+7): a discharge at 23:30 on 31 December belongs to that year.
  const endYear = new Date(facts.endedAt.getTime() + 7 * 3_600_000).getUTCFullYear();
  return { years, rule, categories, retainUntil: `${endYear + years}-12-31` };
}

/** The shipped rules, or a facility's file (validated: a bad file stops the start with the reason). */
export function loadRetentionRules(file: string | null): RetentionRules {
  if (!file) return SHIPPED_RETENTION_RULES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`ARCHIVE_RETENTION_RULES: cannot read ${file}: ${(error as Error).message}`);
  }
  const problems = validateRules(parsed);
  if (problems.length) throw new Error(`ARCHIVE_RETENTION_RULES ${file}:\n  - ${problems.join('\n  - ')}`);
  return parsed as RetentionRules;
}

export function validateRules(value: unknown): string[] {
  const problems: string[] = [];
  const v = value as Partial<RetentionRules> | null;
  if (!v || typeof v !== 'object') return ['must be a JSON object { defaultYears, defaultLabel, rules }'];
  if (!Number.isInteger(v.defaultYears) || (v.defaultYears as number) < 10) problems.push('defaultYears must be an integer of at least 10 (the legal minimum)');
  if (typeof v.defaultLabel !== 'string' || !v.defaultLabel) problems.push('defaultLabel must be a non-empty string');
  if (!Array.isArray(v.rules)) return [...problems, 'rules must be an array'];
  v.rules.forEach((r: Partial<RetentionRule>, i) => {
    if (!(RETENTION_CATEGORIES as readonly string[]).includes(r?.category as string)) problems.push(`rules[${i}].category must be one of ${RETENTION_CATEGORIES.join(', ')}`);
    if (r?.years !== null && (!Number.isInteger(r?.years) || (r?.years as number) < 1)) problems.push(`rules[${i}].years must be a positive integer or null (permanent)`);
    if (typeof r?.label !== 'string' || !r.label) problems.push(`rules[${i}].label must be a non-empty string`);
  });
  return problems;
}
