import { OrderError } from '@benhan/api/orders';
import { Hl7MessageBuilder } from '../codec/builder';
import { fromOrderError } from './hl7-inbound.service';
import { formatLocation } from './inbound.errors';
import { readOruGroups, toLabRequest } from './oru-mapping';

const ORDER = '6f1c1b0e-3a2d-4c55-9a1e-0d6f2a3b4c5d';

describe(fromOrderError.name, () => {
  // Two groups; the pending OBX (status I) of the second is skipped, so observations/1 is the message's fourth OBX.
  const message = new Hl7MessageBuilder({ sendingApplication: 'lis', messageType: { code: 'ORU', trigger: 'R01' } })
    .segment('PID', ['1', '', 'BN1'])
    .segment('OBR', ['1', ORDER, 'F1'])
    .segment('OBX', ['1', 'NM', ['718-7', 'Hb', 'LN'], '', '131', 'g/L'])
    .segment('OBR', ['2', ORDER, 'F2'])
    .segment('OBX', ['1', 'NM', ['777-3', 'PLT', 'LN'], '', '', '', '', '', '', '', 'I'])
    .segment('OBX', ['2', 'NM', ['6690-2', 'WBC', 'LN'], '', '7', '10*3/uL'])
    .segment('OBX', ['3', 'NM', ['2823-3', 'K', 'LN'], '', '4.1', 'mmol/dL'])
    .build();
  const group = readOruGroups(message)[1];
  const lab = toLabRequest(group, 'C1', 2);

  it('points a field error of the domain at the OBX it came from, counted across the whole message (ERR-2 segment sequence)', () => {
    const error = fromOrderError(OrderError.field('invalid_result', 'observations/1/unit', 'mmol/dL is not a UCUM unit Benhan knows'), group, { lab });
    expect([error.ack, error.code, formatLocation(error.location)]).toEqual(['AE', 103, 'OBX^4^6']);
    expect(formatLocation(fromOrderError(OrderError.field('result_mismatch', 'observations/0/code', 'not ordered'), group, { lab }).location)).toBe('OBX^3^3');
  });

  it('names the OBR for the report as a whole, its filler number, and an unknown or closed order', () => {
    expect(formatLocation(fromOrderError(OrderError.field('invalid_result', 'observations', 'needs one'), group, { lab }).location)).toBe('OBR^2');
    const conflict = fromOrderError(OrderError.field('result_conflict', 'externalId', 'recorded for another order'), group, { lab });
    expect([conflict.code, formatLocation(conflict.location)]).toEqual([205, 'OBR^2^3']);
    const closed = fromOrderError(new OrderError('invalid_transition', 'An order that is revoked takes no results'), group, { lab });
    expect([closed.code, formatLocation(closed.location)]).toEqual([206, 'OBR^2']);
    const missing = fromOrderError(new OrderError('order_not_found', 'Order not found'), group, { lab });
    expect([missing.code, formatLocation(missing.location)]).toEqual([204, 'OBR^2^2']);
  });

  it('names the SPM field for a specimen the domain refuses', () => {
    const spm = { segment: group.obr.segment, sequence: 1 };
    expect(formatLocation(fromOrderError(OrderError.field('invalid_result', 'typeCode', 'bad type'), group, { specimen: spm }).location)).toBe('SPM^1^4');
  });
});
