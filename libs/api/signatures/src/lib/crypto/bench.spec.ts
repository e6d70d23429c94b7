import { measureSigning } from './bench';

describe('measureSigning', () => {
  it('measures the bare RSA operation and a whole detached CMS in the same run (no timing assertions)', () => {
    const r = measureSigning(5);
    expect(r.iterations).toBe(5);
    expect(r.bareRsaPerSecond).toBeGreaterThan(0);
    expect(r.cmsDetachedPerSecond).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.bareRsaPerSecond / r.cmsDetachedPerSecond);
  });
});
