import { ORDER_STATUSES, type OrderStatus } from '@benhan/shared/contracts';
import { ORDER_TRANSITIONS, acceptsResults, canSupersede, canTransition, statusAfterReport } from './order-lifecycle';

describe('order lifecycle', () => {
  it('covers every status of the contract', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  it('activates only a draft (activation is the signature)', () => {
    const from = ORDER_STATUSES.filter((s) => canTransition(s, 'active'));
    expect(from).toEqual(['draft']);
  });

  it('revokes a draft or an active order, never one the lab has started or finished', () => {
    expect(canTransition('draft', 'revoked')).toBe(true);
    expect(canTransition('active', 'revoked')).toBe(true);
    for (const s of ['in_progress', 'completed', 'revoked', 'entered_in_error'] as OrderStatus[]) expect(canTransition(s, 'revoked')).toBe(false);
  });

  it('ends for good at completed, revoked and entered-in-error', () => {
    for (const s of ['completed', 'revoked', 'entered_in_error'] as OrderStatus[]) expect(ORDER_TRANSITIONS[s]).toEqual([]);
  });

  it('takes results only on signed orders that were not withdrawn (completed ones take corrections)', () => {
    expect(ORDER_STATUSES.filter(acceptsResults)).toEqual(['active', 'in_progress', 'completed']);
  });

  it('starts an order with a preliminary report and completes it with a final or corrected one', () => {
    expect(statusAfterReport('active', 'preliminary')).toBe('in_progress');
    expect(statusAfterReport('active', 'final')).toBe('completed');
    expect(statusAfterReport('in_progress', 'final')).toBe('completed');
    expect(statusAfterReport('completed', 'corrected')).toBe('completed');
    expect(statusAfterReport('completed', 'preliminary')).toBe('completed');
    expect(statusAfterReport('active', 'entered_in_error')).toBe('active');
  });

  it('replaces a final report only by a correction or a withdrawal, a preliminary one by anything', () => {
    expect(canSupersede('final', 'final')).toBe(false);
    expect(canSupersede('final', 'preliminary')).toBe(false);
    expect(canSupersede('final', 'corrected')).toBe(true);
    expect(canSupersede('corrected', 'corrected')).toBe(true);
    expect(canSupersede('final', 'entered_in_error')).toBe(true);
    expect(canSupersede('preliminary', 'final')).toBe(true);
    expect(canSupersede('entered_in_error', 'corrected')).toBe(false);
  });
});
