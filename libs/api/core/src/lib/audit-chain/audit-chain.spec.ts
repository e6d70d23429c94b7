import { createHash } from 'node:crypto';
import { auditEventBody, auditEventBodyReference, chainHash, checkpointStatement, GENESIS_HASH, type ChainedEventFields } from './audit-chain';

const event: ChainedEventFields = {
  facilityId: '518d189f-cef0-49e2-ba3a-854021540a35',
  occurredAt: new Date('2026-11-28T05:50:17.859Z'),
  action: 'break_glass',
  outcome: 'success',
  actorUserId: 'fa982f15-9089-49d1-9da9-fb50fef90b1f',
  actorUsername: 'bs.lan',
  actorRoles: ['doctor', 'head_of_department'],
  actorDepartmentId: null,
  resourceType: 'patient',
  resourceId: '1d7613a5-4f2e-4ed8-9d4e-4f6b3a1a5915',
  resourceVersion: 3,
  patientId: '1d7613a5-4f2e-4ed8-9d4e-4f6b3a1a5915',
  clientAddress: '::ffff:10.0.0.8',
  userAgent: 'Mozilla/5.0 "quoted" \\ back',
  requestId: null,
  reason: 'Người bệnh ngừng tuần hoàn — cần xem tiền sử 😀',
  detail: { z: 1, a: { ä: [1.5, null, true], b: 'x' }, '10': 'n', 1e21: 2 },
};

describe('the audit chain format', () => {
  it('writes the body exactly as the generic RFC 8785 serialiser would', () => {
    expect(auditEventBody(event)).toBe(auditEventBodyReference(event));
    const empty = { ...event, detail: {}, actorRoles: [], reason: null, resourceVersion: null };
    expect(auditEventBody(empty)).toBe(auditEventBodyReference(empty));
  });

  it('pins the body and the hash to hand-written bytes', () => {
    const small: ChainedEventFields = { ...event, actorRoles: ['doctor'], reason: null, userAgent: null, clientAddress: null, detail: { b: 1, a: 'ệ' } };
    const body =
      '{"action":"break_glass","actor":{"departmentId":null,"roles":["doctor"],"userId":"fa982f15-9089-49d1-9da9-fb50fef90b1f","username":"bs.lan"},' +
      '"client":{"address":null,"requestId":null,"userAgent":null},"detail":{"a":"ệ","b":1},"facilityId":"518d189f-cef0-49e2-ba3a-854021540a35",' +
      '"occurredAt":"2026-11-28T05:50:17.859Z","outcome":"success","patientId":"1d7613a5-4f2e-4ed8-9d4e-4f6b3a1a5915","reason":null,' +
      '"resource":{"id":"1d7613a5-4f2e-4ed8-9d4e-4f6b3a1a5915","type":"patient","version":3},"v":1}';
    expect(auditEventBody(small)).toBe(body);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.alloc(32), Buffer.from([0, 0, 0, 0, 0, 0, 0, 1]), Buffer.from(body, 'utf8')]))
      .digest('hex');
    expect(chainHash(GENESIS_HASH, 1, body)).toBe(expected);
  });

  it('hashes the position: the same body at another seq is another hash', () => {
    expect(chainHash(GENESIS_HASH, 1, 'x')).not.toBe(chainHash(GENESIS_HASH, 2, 'x'));
  });

  it('signs a checkpoint statement with fixed fields', () => {
    expect(checkpointStatement({ facilityId: 'f', seq: 7, head: 'ab', at: new Date('2026-01-01T00:00:00Z') }).toString()).toBe(
      '{"at":"2026-01-01T00:00:00.000Z","facilityId":"f","head":"ab","seq":7,"type":"benhan-audit-checkpoint","v":1}',
    );
  });
});
