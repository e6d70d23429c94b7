import type { AdministrationStatus, MedicationOrderLine, RecordAdministrationRequest } from '@benhan/shared/contracts';
import { instantOf } from '../../../vital-signs/local-date-time';

export interface AdministrationForm {
  status: AdministrationStatus | null;
  /** When the dose was given, as the date-time field holds it. */
  administeredAt: Date | null;
  reason: string;
}

export type AdministrationProblem = 'status_required' | 'time_required' | 'reason_required';

/**
 * What the form lacks: a status; the time a dose was given; the reason a dose was held, refused or missed.
 * Empty when it can be sent.
 */
export function administrationProblems(form: AdministrationForm): Partial<Record<keyof AdministrationForm, AdministrationProblem>> {
  const problems: Partial<Record<keyof AdministrationForm, AdministrationProblem>> = {};
  if (!form.status) problems.status = 'status_required';
  if (form.status === 'given' && !instantOf(form.administeredAt)) problems.administeredAt = 'time_required';
  if (form.status && form.status !== 'given' && !form.reason.trim()) problems.reason = 'reason_required';
  return problems;
}

/** The request recording the form against an order line of a treatment sheet. */
export function administrationRequest(order: MedicationOrderLine, form: AdministrationForm): RecordAdministrationRequest {
  const status = form.status ?? 'given';
  return {
    treatmentSheetDocumentId: order.treatmentSheetDocumentId,
    orderId: order.orderId,
    drug: order.drug,
    dose: order.dose,
    route: order.route,
    status,
    administeredAt: status === 'given' ? instantOf(form.administeredAt) : null,
    reason: status === 'given' ? form.reason.trim() || null : form.reason.trim(),
  };
}
