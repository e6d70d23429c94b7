import { anOrderLine } from '../../../../testing/fixtures';
import { administrationProblems, administrationRequest } from './administration-form';

describe('administration form', () => {
  it('asks for the status first', () => {
    expect(administrationProblems({ status: null, administeredAt: null, reason: '' })).toEqual({ status: 'status_required' });
  });

  it('wants the time a dose was given', () => {
    expect(administrationProblems({ status: 'given', administeredAt: null, reason: '' })).toEqual({ administeredAt: 'time_required' });
    expect(administrationProblems({ status: 'given', administeredAt: new Date(2026, 4, 2, 8, 0), reason: '' })).toEqual({});
  });

  it('wants a reason for a dose held, refused or missed', () => {
    for (const status of ['held', 'refused', 'missed'] as const) {
      expect(administrationProblems({ status, administeredAt: null, reason: '  ' })).toEqual({ reason: 'reason_required' });
      expect(administrationProblems({ status, administeredAt: null, reason: 'Nhịn ăn chờ mổ' })).toEqual({});
    }
  });

  it('records against the order line, with no time for a dose not given', () => {
    const order = anOrderLine();
    expect(administrationRequest(order, { status: 'refused', administeredAt: new Date(2026, 4, 2, 8, 0), reason: ' Người bệnh từ chối ' })).toEqual({
      treatmentSheetDocumentId: 'doc-1',
      orderId: 'ord-1',
      drug: 'Ceftriaxone 1 g',
      dose: '1 lọ',
      route: 'iv',
      status: 'refused',
      administeredAt: null,
      reason: 'Người bệnh từ chối',
    });
    const given = administrationRequest(order, { status: 'given', administeredAt: new Date(2026, 4, 2, 8, 0), reason: '' });
    expect(given.administeredAt).toBe(new Date(2026, 4, 2, 8, 0).toISOString());
    expect(given.reason).toBeNull();
  });
});
