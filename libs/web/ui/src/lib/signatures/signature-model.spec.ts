import type { SignatureCheckName, SignatureReport, SignoffSummary } from '@benhan/shared/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  badgeStateOf,
  opensslVerifyCommand,
  pinProblem,
  SIGNATURE_BADGE_LABELS,
  SIGNATURE_CHECK_LABELS,
  signatureBadges,
  signatureFileNames,
} from './signature-model';

const VI = JSON.parse(readFileSync(join(__dirname, '../../../../../../apps/web/public/i18n/vi.json'), 'utf8')) as Record<string, unknown>;
const vi = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], VI);

function aReport(overrides: Partial<SignatureReport> = {}): SignatureReport {
  return {
    id: 's-1',
    versionId: 'v-1',
    documentId: 'doc-1',
    encounterId: 'e-1',
    patientId: 'p-1',
    formCode: '01/BV1',
    versionNumber: 1,
    step: 1,
    role: 'author',
    signerId: 'u-1',
    signerName: 'BS. Nguyễn Văn Minh',
    signedAt: '2026-05-02T03:00:00.000Z',
    timestampedAt: '2026-05-02T03:00:01.000Z',
    certificateSerial: '0A1B',
    indication: 'PASSED',
    reason: null,
    checks: [],
    validatedAt: '2026-05-02T04:00:00.000Z',
    ...overrides,
  };
}

const signoff = (step: number, signerName: string): SignoffSummary => ({
  step,
  role: step === 1 ? 'author' : 'head_of_department',
  signerId: `u-${step}`,
  signerName,
  signedAt: '2026-05-02T03:00:00.000Z',
});

describe('signing PIN rule (6–12 digits, checked before a call costs an attempt)', () => {
  it.each(['123456', '123456789012'])('accepts %s', (pin) => expect(pinProblem(pin)).toBeNull());
  it('asks for a PIN when empty', () => expect(pinProblem('')).toBe('signatures.pin.error.required'));
  it.each(['12345', '1234567890123', '12345a', '12 3456', '１２３４５６'])('refuses %p as not 6–12 ASCII digits', (pin) =>
    expect(pinProblem(pin)).toBe('signatures.pin.error.format'),
  );
  it('requires the new PIN twice alike when enrolling, and only then', () => {
    expect(pinProblem('123456', 'enrol', '123457')).toBe('signatures.pin.error.mismatch');
    expect(pinProblem('123456', 'enrol', '123456')).toBeNull();
    expect(pinProblem('123456', 'sign', 'anything')).toBeNull();
  });
});

describe('signature badges', () => {
  it('maps PASSED to valid, FAILED to invalid and INDETERMINATE to undecided, in the agreed Vietnamese', () => {
    expect([badgeStateOf('PASSED'), badgeStateOf('FAILED'), badgeStateOf('INDETERMINATE')]).toEqual(['valid', 'invalid', 'indeterminate']);
    expect(vi(SIGNATURE_BADGE_LABELS.valid)).toBe('Chữ ký hợp lệ');
    expect(vi(SIGNATURE_BADGE_LABELS.invalid)).toBe('Chữ ký không hợp lệ');
    expect(vi(SIGNATURE_BADGE_LABELS.indeterminate)).toBe('Chưa xác định');
    expect(vi(SIGNATURE_BADGE_LABELS.pending)).toBe('Chờ ký: {{label}}');
  });

  it('gives a draft awaiting its author one grey "awaiting" badge with the step label', () => {
    const version = {
      id: 'v-1',
      signoffs: [],
      awaiting: [{ step: 1, role: 'author' as const, label: 'Bác sĩ làm bệnh án' }],
    };
    expect(signatureBadges(version, [])).toEqual([{ state: 'pending', step: 1, label: 'Bác sĩ làm bệnh án' }]);
  });

  it('shows each sign-off by its own report (by version and step) and then the steps still awaited', () => {
    const version = {
      id: 'v-2',
      signoffs: [signoff(1, 'BS. Minh')],
      awaiting: [{ step: 2, role: 'head_of_department' as const, label: 'Trưởng khoa' }],
    };
    const reports = [
      aReport({ versionId: 'v-1', step: 1, indication: 'FAILED' }),
      aReport({ versionId: 'v-2', step: 1, indication: 'PASSED' }),
    ];
    expect(signatureBadges(version, reports)).toEqual([
      { state: 'valid', step: 1, label: 'BS. Minh' },
      { state: 'pending', step: 2, label: 'Trưởng khoa' },
    ]);
  });

  it('marks a failed countersignature invalid, and a sign-off no report covers undecided', () => {
    const version = {
      id: 'v-1',
      signoffs: [signoff(2, 'BS. Hương'), signoff(1, 'BS. Minh')],
      awaiting: [],
    };
    expect(signatureBadges(version, [aReport({ step: 2, indication: 'FAILED' })]).map((b) => [b.step, b.state])).toEqual([
      [1, 'indeterminate'],
      [2, 'invalid'],
    ]);
  });

  it('shows no sign-off badge before the reports are known (only the awaited steps)', () => {
    const version = {
      id: 'v-1',
      signoffs: [signoff(1, 'BS. Minh')],
      awaiting: [{ step: 2, role: 'head_of_department' as const, label: 'Trưởng khoa' }],
    };
    expect(signatureBadges(version, null)).toEqual([{ state: 'pending', step: 2, label: 'Trưởng khoa' }]);
  });
});

describe('validation report wording', () => {
  it.each<[SignatureCheckName, string]>([
    ['content_hash', 'Nội dung không bị thay đổi sau khi ký'],
    ['signature_value', 'Chữ ký số đúng về mật mã'],
    ['chain', 'Chứng thư số do CA tin cậy cấp'],
    ['validity_at_signing_time', 'Chứng thư số còn hiệu lực khi ký'],
    ['not_revoked_at_signing_time', 'Chứng thư số chưa bị thu hồi khi ký'],
    ['key_usage', 'Chứng thư số được phép ký'],
    ['signer_identity', 'Người ký đúng là tác giả/người có thẩm quyền'],
    ['timestamp', 'Thời điểm ký được dấu thời gian xác nhận'],
  ])('says %s in plain Vietnamese', (check, text) => expect(vi(SIGNATURE_CHECK_LABELS[check])).toBe(text));

  it('has a distinct Vietnamese label for every check of the contract', () => {
    const labels = Object.values(SIGNATURE_CHECK_LABELS).map(vi);
    expect(labels.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('names the downloads so that the OpenSSL command works on them as saved', () => {
    const files = signatureFileNames(aReport({ formCode: '01/BV1', versionNumber: 3, step: 2 }));
    expect(files).toEqual({
      p7s: '01-BV1-v3-step2.p7s',
      canonical: '01-BV1-v3.json',
      chain: 'chain.pem',
    });
    expect(opensslVerifyCommand(files)).toBe(
      'openssl cms -verify -binary -inform DER -in 01-BV1-v3-step2.p7s -content 01-BV1-v3.json -CAfile chain.pem -purpose any',
    );
  });
});
