import { renderRecordNumber } from './record-number';

describe(renderRecordNumber.name, () => {
  it('renders the default pattern: year, department, zero-padded sequence', () => {
    expect(renderRecordNumber('{yyyy}.{dept}.{seq:6}', { year: 2026, departmentCode: 'NOI', sequence: 42 })).toBe('2026.NOI.000042');
  });

  it('supports two-digit years, literal text and unpadded sequences', () => {
    expect(renderRecordNumber('BA-{yy}/{seq}', { year: 2027, departmentCode: 'NHI', sequence: 7 })).toBe('BA-27/7');
  });

  it('refuses a pattern without a sequence, which would repeat numbers', () => {
    expect(() => renderRecordNumber('{yyyy}-{dept}', { year: 2026, departmentCode: 'NOI', sequence: 1 })).toThrow(/no \{seq\}/);
  });
});
