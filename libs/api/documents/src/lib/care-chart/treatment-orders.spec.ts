import { medicationOrderLines } from './treatment-orders.port';
import { administrationProblems } from './care-chart.service';

describe(medicationOrderLines.name, () => {
  it('reads the medication orders of each sheet’s entries, oldest first, and skips other order types', () => {
    const lines = medicationOrderLines([
      {
        documentId: 'doc-2',
        versionNumber: 3,
        content: { entries: [{ at: '2026-11-27T08:00:00+07:00', progress: 'Sốt giảm', orders: [{ id: 'o3', type: 'medication', text: 'Paracetamol 500 mg', drug: 'Paracetamol', dose: '500 mg', route: 'oral', frequency: 'x3/ngày' }] }] },
      },
      {
        documentId: 'doc-1',
        versionNumber: 1,
        content: {
          entries: [
            {
              at: '2026-11-26T08:00:00+07:00',
              progress: 'Sốt cao',
              orders: [
                { id: 'o1', type: 'medication', text: 'Ceftriaxone 1 g TM', dose: '1 g', route: 'tiêm tĩnh mạch' },
                { id: 'o2', type: 'lab', text: 'Công thức máu' },
                { type: 'medication', text: 'no id: skipped' },
              ],
            },
          ],
        },
      },
    ]);
    expect(lines).toEqual([
      { treatmentSheetDocumentId: 'doc-1', versionNumber: 1, orderId: 'o1', date: '2026-11-26T08:00:00+07:00', drug: 'Ceftriaxone 1 g TM', dose: '1 g', route: 'other', frequency: null },
      { treatmentSheetDocumentId: 'doc-2', versionNumber: 3, orderId: 'o3', date: '2026-11-27T08:00:00+07:00', drug: 'Paracetamol', dose: '500 mg', route: 'oral', frequency: 'x3/ngày' },
    ]);
  });

  it('reads nothing from content it does not understand', () => {
    expect(medicationOrderLines([{ documentId: 'd', versionNumber: 1, content: { entries: 'x' } }, { documentId: 'e', versionNumber: 1, content: { entries: [null, { orders: {} }] } }])).toEqual([]);
  });
});

describe(administrationProblems.name, () => {
  const base = { drug: 'Paracetamol', dose: '500 mg', route: 'oral' as const };

  it('needs the time of a given dose', () => {
    expect(administrationProblems({ ...base, status: 'given' }).map((p) => p.field)).toEqual(['administeredAt']);
    expect(administrationProblems({ ...base, status: 'given', administeredAt: '2026-11-28T08:00:00+07:00' })).toEqual([]);
  });

  it.each(['held', 'refused', 'missed'] as const)('needs a reason when the dose was %s, and no administration time', (status) => {
    expect(administrationProblems({ ...base, status }).map((p) => p.field)).toEqual(['reason']);
    expect(administrationProblems({ ...base, status, reason: '  ' }).map((p) => p.field)).toEqual(['reason']);
    expect(administrationProblems({ ...base, status, reason: 'Nôn', administeredAt: '2026-11-28T08:00:00+07:00' }).map((p) => p.field)).toEqual(['administeredAt']);
    expect(administrationProblems({ ...base, status, reason: 'Bệnh nhân từ chối' })).toEqual([]);
  });

  it('needs both halves of an order reference', () => {
    const at = { status: 'given' as const, administeredAt: '2026-11-28T08:00:00+07:00' };
    expect(administrationProblems({ ...base, ...at, orderId: 'o1' }).map((p) => p.field)).toEqual(['treatmentSheetDocumentId']);
    expect(administrationProblems({ ...base, ...at, treatmentSheetDocumentId: '00000000-0000-4000-8000-000000000000' }).map((p) => p.field)).toEqual(['orderId']);
  });
});
