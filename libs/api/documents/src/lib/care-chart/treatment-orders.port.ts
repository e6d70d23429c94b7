import type { AdministrationRoute, MedicationOrderLine } from '@benhan/shared/contracts';

/** The treatment sheet (tờ điều trị) form, whose entries carry the doctor's orders. */
export const TREATMENT_SHEET_FORM = '39/BV2';

/** An order line the nurse can give, without what was given against it (the care chart adds that). */
export type TreatmentOrderLine = Omit<MedicationOrderLine, 'administrations'>;

/**
 * Where the care chart reads the doctor's medication orders: the latest version of each of the
 * encounter's treatment sheets. A port, so the care chart does not depend on how documents are stored.
 */
export interface TreatmentOrders {
  orderLines(facilityId: string, encounterId: string): Promise<TreatmentOrderLine[]>;
}

export const TREATMENT_ORDERS = Symbol('TREATMENT_ORDERS');

/** Order types on the treatment sheet that a nurse administers as medication. */
const MEDICATION_ORDER_TYPES = new Set(['medication']);
const ROUTES: readonly AdministrationRoute[] = ['oral', 'iv', 'im', 'sc', 'topical', 'inhaled', 'rectal', 'sublingual', 'other'];

/**
 * The medication order lines of treatment sheet versions, whose content is
 * `{ entries: [{ at, progress, orders: [{ id, type, text, drug?, dose?, route?, frequency? }] }] }`.
 * Content was validated against the form's schema when saved; this still skips what it cannot read.
 */
export function medicationOrderLines(sheets: { documentId: string; versionNumber: number; content: Record<string, unknown> }[]): TreatmentOrderLine[] {
  const lines: TreatmentOrderLine[] = [];
  for (const sheet of sheets) {
    const entries = Array.isArray(sheet.content['entries']) ? (sheet.content['entries'] as unknown[]) : [];
    for (const entry of entries) {
      if (!isObject(entry) || !Array.isArray(entry['orders'])) continue;
      const date = typeof entry['at'] === 'string' ? entry['at'] : '';
      for (const order of entry['orders'] as unknown[]) {
        if (!isObject(order)) continue;
        const id = text(order['id']);
        if (!id || !MEDICATION_ORDER_TYPES.has(text(order['type']))) continue;
        const route = text(order['route']) as AdministrationRoute;
        lines.push({
          treatmentSheetDocumentId: sheet.documentId,
          versionNumber: sheet.versionNumber,
          orderId: id,
          date,
          drug: text(order['drug']) || text(order['text']),
          dose: text(order['dose']),
          route: ROUTES.includes(route) ? route : 'other',
          frequency: text(order['frequency']) || null,
        });
      }
    }
  }
  return lines.sort((a, b) => (Date.parse(a.date) || 0) - (Date.parse(b.date) || 0));
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
