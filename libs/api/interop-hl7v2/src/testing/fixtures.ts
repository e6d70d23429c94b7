import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The shared HL7 v2 fixtures live outside the repository (shared/fixtures/hl7v2 beside the checkout, where CI lays them too):
 * two of them have no stated licence, so they are read, not copied. HL7V2_FIXTURES overrides the place.
 */
export function hl7v2FixturesDir(): string {
  const override = process.env['HL7V2_FIXTURES'];
  if (override) return override;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'fixtures', 'hl7v2');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
  }
  throw new Error('shared/fixtures/hl7v2 not found above this checkout; set HL7V2_FIXTURES to its folder');
}

export function hl7v2FixtureNames(): string[] {
  return readdirSync(hl7v2FixturesDir())
    .filter((f) => f.endsWith('.hl7'))
    .sort();
}

export function readHl7v2Fixture(name: string): Buffer {
  return readFileSync(join(hl7v2FixturesDir(), name));
}
