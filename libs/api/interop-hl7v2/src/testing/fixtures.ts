import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The shared fixtures without a stated licence: read when shared/fixtures/hl7v2 is at hand, never copied here. */
export const UNLICENSED_FIXTURES = ['ack_r01_v231_as4700.hl7', 'oru_r01_v231_pathology_fbc_as4700.hl7', 'oru_r01_v231_radiology_ft_as4700.hl7'];

/** shared/fixtures/hl7v2 beside the checkout (all 17 messages), or HL7V2_FIXTURES; null when neither is there. */
function sharedDir(): string | null {
  const override = process.env['HL7V2_FIXTURES'];
  if (override) return override;
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'fixtures', 'hl7v2');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
  }
  return null;
}

/**
 * Where the real-world HL7 v2 messages are read from: the shared set when it is beside the checkout, else the 14
 * licensed copies kept in this folder (testing/hl7v2/README.md), so a lone clone still tests against real messages.
 */
export function hl7v2FixturesDir(): string {
  return sharedDir() ?? join(__dirname, 'hl7v2');
}

export function hasUnlicensedFixtures(): boolean {
  return existsSync(join(hl7v2FixturesDir(), UNLICENSED_FIXTURES[0]));
}

export function hl7v2FixtureNames(): string[] {
  return readdirSync(hl7v2FixturesDir())
    .filter((f) => f.endsWith('.hl7'))
    .sort();
}

export function readHl7v2Fixture(name: string): Buffer {
  return readFileSync(join(hl7v2FixturesDir(), name));
}
