import type {
  FieldError,
  ImagingModality,
  ImagingProcedureDefinition,
  Interpretation,
  LabCatalogue,
  OrderCategory,
  OrderPriority,
  OrderStatus,
  PlaceOrderRequest,
  ResultStatus,
  SpecimenStatus,
} from '@benhan/shared/contracts';
import { formatVnNumber } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';

/** Translation keys of the order statuses (the tags of the order list). */
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  draft: _('doctor.orders.status.draft'),
  active: _('doctor.orders.status.active'),
  in_progress: _('doctor.orders.status.in_progress'),
  completed: _('doctor.orders.status.completed'),
  revoked: _('doctor.orders.status.revoked'),
  entered_in_error: _('doctor.orders.status.entered_in_error'),
};

export const ORDER_STATUS_SEVERITY: Record<OrderStatus, 'secondary' | 'info' | 'warn' | 'success' | 'danger' | 'contrast'> = {
  draft: 'warn',
  active: 'info',
  in_progress: 'info',
  completed: 'success',
  revoked: 'secondary',
  entered_in_error: 'danger',
};

export const ORDER_PRIORITY_LABELS: Record<OrderPriority, string> = {
  routine: _('doctor.orders.priority.routine'),
  urgent: _('doctor.orders.priority.urgent'),
  stat: _('doctor.orders.priority.stat'),
};

export const ORDER_CATEGORY_LABELS: Record<OrderCategory, string> = {
  laboratory: _('doctor.orders.category.laboratory'),
  imaging: _('doctor.orders.category.imaging'),
};

export const RESULT_STATUS_LABELS: Record<ResultStatus, string> = {
  preliminary: _('doctor.results.status.preliminary'),
  final: _('doctor.results.status.final'),
  corrected: _('doctor.results.status.corrected'),
  entered_in_error: _('doctor.results.status.entered_in_error'),
};

/** What the lab says of a specimen (shown under a lab order). */
export const SPECIMEN_STATUS_LABELS: Record<SpecimenStatus, string> = {
  available: _('doctor.orders.specimen.available'),
  unavailable: _('doctor.orders.specimen.unavailable'),
  unsatisfactory: _('doctor.orders.specimen.unsatisfactory'),
  entered_in_error: _('doctor.orders.specimen.entered_in_error'),
};

export const INTERPRETATION_LABELS: Record<Interpretation, string> = {
  N: _('doctor.results.interpretation.N'),
  L: _('doctor.results.interpretation.L'),
  H: _('doctor.results.interpretation.H'),
  LL: _('doctor.results.interpretation.LL'),
  HH: _('doctor.results.interpretation.HH'),
  A: _('doctor.results.interpretation.A'),
};

/** How loudly a value is flagged: critical (HH/LL, red), abnormal (H/L/A), normal, or not interpreted. */
export type Flag = 'critical' | 'abnormal' | 'normal' | 'none';

export function flagOf(interpretation: Interpretation | null | undefined): Flag {
  if (!interpretation) return 'none';
  if (interpretation === 'HH' || interpretation === 'LL') return 'critical';
  return interpretation === 'N' ? 'normal' : 'abnormal';
}

/** One thing the doctor can order: a lab test, a lab panel (with its members' names) or an imaging procedure. */
export interface CatalogueEntry {
  kind: 'test' | 'panel' | 'imaging';
  serviceCode: string;
  loinc: string | null;
  name: { vi: string; en: string };
  /** A panel's member tests, by name. */
  members: { vi: string; en: string }[];
  modality: ImagingModality | null;
  bodySite: string | null;
}

/** Panels first (they are what is usually ordered), then single tests, each in catalogue order. */
export function labEntries(catalogue: LabCatalogue): CatalogueEntry[] {
  const byCode = new Map(catalogue.tests.map((t) => [t.serviceCode, t]));
  const panels = catalogue.panels.map<CatalogueEntry>((p) => ({
    kind: 'panel',
    serviceCode: p.serviceCode,
    loinc: p.loinc,
    name: p.name,
    members: p.members.map((code) => byCode.get(code)?.name ?? { vi: code, en: code }),
    modality: null,
    bodySite: null,
  }));
  const tests = catalogue.tests.map<CatalogueEntry>((t) => ({
    kind: 'test',
    serviceCode: t.serviceCode,
    loinc: t.loinc,
    name: t.name,
    members: [],
    modality: null,
    bodySite: null,
  }));
  return [...panels, ...tests];
}

export function imagingEntries(procedures: ImagingProcedureDefinition[]): CatalogueEntry[] {
  return procedures.map((p) => ({
    kind: 'imaging',
    serviceCode: p.serviceCode,
    loinc: p.loinc,
    name: p.name,
    members: [],
    modality: p.modality,
    bodySite: p.bodySite.display,
  }));
}

/** Lower case without Vietnamese diacritics (đ → d), so "kali mau" finds "Kali máu". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

/**
 * The entries where every word of the query begins a word of their Vietnamese name, service code or LOINC code
 * (diacritics ignored: "mo mau" finds "Bộ mỡ máu"); a panel also matches by its member tests' names. Words are
 * matched at their start so "mo" does not find "hemoglobin". An empty query keeps them all.
 */
export function filterCatalogue(entries: readonly CatalogueEntry[], query: string): CatalogueEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const text = [entry.name.vi, entry.serviceCode, entry.loinc ?? '', ...entry.members.map((m) => m.vi)].join(' ');
    const haystack = fold(text).split(/[\s(),;/+]+/).filter(Boolean);
    return words.every((w) => haystack.some((h) => h.startsWith(w)));
  });
}

/** What the order entry form holds. */
export interface OrderDraft {
  category: OrderCategory;
  priority: OrderPriority;
  items: string[];
  reasonCode: string;
  reasonText: string;
  clinicalNote: string;
}

/** The request to place: trimmed texts, the ICD-10 code upper-cased, empty parts left null. */
export function buildPlaceRequest(draft: OrderDraft): PlaceOrderRequest {
  const code = draft.reasonCode.trim().toUpperCase();
  const text = draft.reasonText.trim();
  const note = draft.clinicalNote.trim();
  return {
    category: draft.category,
    priority: draft.priority,
    items: [...draft.items],
    reason: code || text ? { code: code || null, text: text || null } : null,
    clinicalNote: note || null,
  };
}

/** The form fields a server field error belongs to (`items/1` → items, `reason.code` → reasonCode); null if none. */
export type OrderField = 'items' | 'priority' | 'reasonCode' | 'reasonText' | 'clinicalNote';

export function orderFieldOf(pointer: string): OrderField | null {
  const path = pointer.replace(/^\//, '').replace(/\//g, '.');
  if (path === 'items' || path.startsWith('items.')) return 'items';
  if (path === 'priority') return 'priority';
  if (path === 'reason.code' || path === 'reason') return 'reasonCode';
  if (path === 'reason.text') return 'reasonText';
  if (path === 'clinicalNote') return 'clinicalNote';
  return null;
}

/** Server field errors grouped by form field; those without one under `other`. */
export function groupFieldErrors(errors: readonly FieldError[]): Partial<Record<OrderField | 'other', string[]>> {
  const out: Partial<Record<OrderField | 'other', string[]>> = {};
  for (const error of errors) {
    const field = orderFieldOf(error.field) ?? 'other';
    (out[field] ??= []).push(error.message);
  }
  return out;
}

/** The reference range as text: "3,5–5", "< 5,2", "> 1", or the range's own text. */
export function rangeText(range: { low: number | null; high: number | null; text: string | null } | null): string {
  if (!range) return '';
  const n = (v: number) => formatVnNumber(v);
  if (range.low !== null && range.high !== null) return `${n(range.low)}–${n(range.high)}`;
  if (range.high !== null) return `< ${n(range.high)}`;
  if (range.low !== null) return `> ${n(range.low)}`;
  return range.text ?? '';
}

/** A value as the ward writes it: a decimal comma. */
export function valueText(value: number | null, text: string | null): string {
  return value !== null ? formatVnNumber(value) : (text ?? '');
}

/** Points of a small line chart of values over time, in a `width`×`height` box with a margin. */
export interface TrendPoint {
  x: number;
  y: number;
  value: number;
  flag: Flag;
}

export function trendPoints(
  values: readonly { value: number; flag: Flag }[],
  width: number,
  height: number,
  margin = 8,
): TrendPoint[] {
  if (values.length === 0) return [];
  const numbers = values.map((v) => v.value);
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2 * margin) / (values.length - 1) : 0;
  return values.map((v, i) => ({
    x: Math.round((values.length > 1 ? margin + i * step : width / 2) * 10) / 10,
    y: Math.round((max === min ? height / 2 : height - margin - ((v.value - min) / span) * (height - 2 * margin)) * 10) / 10,
    value: v.value,
    flag: v.flag,
  }));
}
