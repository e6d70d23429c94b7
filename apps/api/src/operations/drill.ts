import type { INestApplicationContext } from '@nestjs/common';
import { FixityService } from '@benhan/api/archive';
import { IntegrityService } from '@benhan/api/inspection';
import { SignatureQueries, ValidationService } from '@benhan/api/signatures';
import type { FixityRun, IntegrityReport, SignatureIndication } from '@benhan/shared/contracts';

/** What a restore drill (or `main.js verify`) found: every signature, every archive file, every audit chain. */
export interface DrillReport {
  ok: boolean;
  signatures: { checked: number; passed: number; notPassed: { signatureId: string; indication: SignatureIndication; reason: string | null }[] };
  archives: { checked: number; ok: number; problems: FixityRun['problems'] };
  audit: { facilityId: string; status: IntegrityReport['status']; eventsChecked: number; failure: string | null }[];
}

/**
 * Re-verifies what the regulations need to survive a restore (R17): every signature validated again from the
 * restored content (PASSED), every archive file re-hashed against its recorded SHA-256, and every facility's audit
 * chain walked from genesis (OK). The fixity and integrity runs are recorded like any other.
 */
export async function drill(app: INestApplicationContext): Promise<DrillReport> {
  const validation = app.get(ValidationService);
  const signatures = await app.get(SignatureQueries).everySignature();
  const notPassed: DrillReport['signatures']['notPassed'] = [];
  for (const s of signatures) {
    const report = await validation.report(s.facilityId, s.id);
    if (report.indication !== 'PASSED') notPassed.push({ signatureId: s.id, indication: report.indication, reason: report.reason });
  }
  const runs = await app.get(FixityService).runScheduled('command');
  const audits = await app.get(IntegrityService).runScheduled();
  const report: DrillReport = {
    ok: false,
    signatures: { checked: signatures.length, passed: signatures.length - notPassed.length, notPassed },
    archives: { checked: sum(runs.map((r) => r.checked)), ok: sum(runs.map((r) => r.ok)), problems: runs.flatMap((r) => r.problems) },
    audit: audits.map((a) => ({ facilityId: a.facilityId, status: a.status, eventsChecked: a.eventsChecked, failure: a.failure?.detail ?? null })),
  };
  report.ok = notPassed.length === 0 && report.archives.problems.length === 0 && audits.length > 0 && audits.every((a) => a.status === 'OK');
  return report;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
