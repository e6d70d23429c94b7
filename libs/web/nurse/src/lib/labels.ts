import type { AdministrationRoute, AdministrationStatus, VitalSignFlag, VitalSignKind } from '@benhan/shared/contracts';
import { _ } from '@ngx-translate/core';
import type { EntryProblem, EntryProblemCode } from './vital-signs/vital-sign-entry';

/**
 * Translation keys of the contract's enumerations, so templates translate a value with
 * `KIND_LABELS[kind] | translate` and option lists keep the contract's order.
 */
export const KIND_LABELS: Record<VitalSignKind, string> = {
  pulse: _('nurse.kind.pulse'),
  temperature: _('nurse.kind.temperature'),
  systolic_bp: _('nurse.kind.systolic_bp'),
  diastolic_bp: _('nurse.kind.diastolic_bp'),
  respiratory_rate: _('nurse.kind.respiratory_rate'),
  spo2: _('nurse.kind.spo2'),
  weight: _('nurse.kind.weight'),
  height: _('nurse.kind.height'),
};

/** Short column headings of the flowsheet and the round grid. */
export const KIND_SHORT_LABELS: Record<VitalSignKind, string> = {
  pulse: _('nurse.kindShort.pulse'),
  temperature: _('nurse.kindShort.temperature'),
  systolic_bp: _('nurse.kindShort.systolic_bp'),
  diastolic_bp: _('nurse.kindShort.diastolic_bp'),
  respiratory_rate: _('nurse.kindShort.respiratory_rate'),
  spo2: _('nurse.kindShort.spo2'),
  weight: _('nurse.kindShort.weight'),
  height: _('nurse.kindShort.height'),
};

/** UCUM units as the paper chart writes them; an unknown unit is shown as the server sent it. */
const UNIT_LABELS: Record<string, string> = {
  '/min': _('nurse.unit.perMinute'),
  Cel: _('nurse.unit.celsius'),
  'mm[Hg]': _('nurse.unit.mmHg'),
  '%': _('nurse.unit.percent'),
  kg: _('nurse.unit.kg'),
  cm: _('nurse.unit.cm'),
};

export function unitLabel(unit: string): string {
  return UNIT_LABELS[unit] ?? unit;
}

export const FLAG_LABELS: Record<Exclude<VitalSignFlag, 'normal'>, string> = {
  low: _('nurse.flag.low'),
  high: _('nurse.flag.high'),
};

export function flagLabel(flag: VitalSignFlag | undefined): string | null {
  return flag === 'low' || flag === 'high' ? FLAG_LABELS[flag] : null;
}

const PROBLEM_LABELS: Record<EntryProblemCode, string> = {
  format: _('nurse.problem.format'),
  implausible: _('nurse.problem.implausible'),
  bp_order: _('nurse.problem.bp_order'),
  bp_pair: _('nurse.problem.bp_pair'),
  server: _('nurse.problem.server'),
};

export function problemLabel(problem: EntryProblem): { key: string; params: Record<string, string> } {
  return { key: PROBLEM_LABELS[problem.code], params: problem.params ?? {} };
}

export const STATUS_LABELS: Record<AdministrationStatus, string> = {
  given: _('nurse.administrationStatus.given'),
  held: _('nurse.administrationStatus.held'),
  refused: _('nurse.administrationStatus.refused'),
  missed: _('nurse.administrationStatus.missed'),
};

export const ROUTE_LABELS: Record<AdministrationRoute, string> = {
  oral: _('nurse.route.oral'),
  iv: _('nurse.route.iv'),
  im: _('nurse.route.im'),
  sc: _('nurse.route.sc'),
  topical: _('nurse.route.topical'),
  inhaled: _('nurse.route.inhaled'),
  rectal: _('nurse.route.rectal'),
  sublingual: _('nurse.route.sublingual'),
  other: _('nurse.route.other'),
};

/** The shared `{ value, labelKey }` options of a select (libs/web/ui), re-exported for this workspace's pages. */
export { optionsOf } from '@benhan/web/ui';
