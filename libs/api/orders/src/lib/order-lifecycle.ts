import type { OrderStatus, ResultStatus } from '@benhan/shared/contracts';

/**
 * The order's life (FHIR request-status): a draft becomes active only by its signature; the lab or the
 * imaging department moves it on with results; revoked and entered-in-error end it. Revoking is refused once
 * the work has started (in progress): the department must be told first and the results, if any, stay.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ['active', 'revoked', 'entered_in_error'],
  active: ['in_progress', 'completed', 'revoked', 'entered_in_error'],
  in_progress: ['completed', 'entered_in_error'],
  completed: [],
  revoked: [],
  entered_in_error: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Orders that may receive results: signed and not ended by revocation or error (completed ones take corrections). */
export function acceptsResults(status: OrderStatus): boolean {
  return status === 'active' || status === 'in_progress' || status === 'completed';
}

/** Where a report moves its order: a final (or corrected) report completes it, a preliminary one starts it. */
export function statusAfterReport(current: OrderStatus, report: ResultStatus): OrderStatus {
  if (report === 'entered_in_error') return current;
  const target: OrderStatus = report === 'preliminary' ? 'in_progress' : 'completed';
  if (current === target || !canTransition(current, target)) return current;
  return target;
}

/**
 * Whether a report may replace the current one for the same sender's report id: a final report is replaced
 * only by a correction (or withdrawn as entered-in-error); a preliminary one by anything newer.
 */
export function canSupersede(current: ResultStatus, next: ResultStatus): boolean {
  if (current === 'entered_in_error') return false;
  if (current === 'preliminary') return true;
  return next === 'corrected' || next === 'entered_in_error';
}
