import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { FieldError, MySigningState, SignatureSummary, SigningCertificate } from '@benhan/shared/contracts';
import { SigningFlow } from './signing-flow';

const CERTIFICATE: SigningCertificate = {
  serial: '0a1b',
  subject: 'CN=BS. Nguyễn Văn Minh',
  issuer: 'CN=Benhan CA',
  notBefore: '2026-01-01T00:00:00Z',
  notAfter: '2028-01-01T00:00:00Z',
  status: 'active',
  revokedAt: null,
  revocationReason: null,
};
const ENROLLED: MySigningState = {
  certificate: CERTIFICATE,
  locked: false,
  failedPinAttempts: 0,
};

function problem(code: string, status: number, extra: Record<string, unknown> = {}) {
  return [
    {
      type: `https://benhan.dev/problems/${code}`,
      title: 'Refused',
      status,
      ...extra,
    },
    { status, statusText: 'Refused' },
  ] as const;
}

describe(SigningFlow.name, () => {
  let flow: SigningFlow;
  let backend: HttpTestingController;
  let signed: SignatureSummary[];

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), SigningFlow],
    });
    flow = TestBed.inject(SigningFlow);
    backend = TestBed.inject(HttpTestingController);
    signed = [];
  });

  afterEach(() => backend.verify());

  function start(state: MySigningState = ENROLLED, incomplete?: (errors: FieldError[]) => void): void {
    flow.start('v-1', { signed: (s) => signed.push(s), incomplete });
    backend.expectOne({ method: 'GET', url: '/api/me/signing' }).flush(state);
  }

  function signWith(pin: string) {
    flow.submit(pin);
    const req = backend.expectOne({
      method: 'POST',
      url: '/api/versions/v-1/signatures',
    });
    expect(req.request.body).toEqual({ pin });
    return req;
  }

  it('signs with the PIN, closes the dialog and hands the signature to the page', () => {
    start();
    expect([flow.open(), flow.mode()]).toEqual([true, 'sign']);
    signWith('123456').flush({ id: 's-1', step: 1 }, { status: 201, statusText: 'Created' });
    expect(flow.open()).toBe(false);
    expect(signed).toEqual([{ id: 's-1', step: 1 }]);
  });

  it('keeps the dialog open after a wrong PIN and shows the attempts the server says are left', () => {
    start();
    signWith('000000').flush(...problem('wrong_pin', 403, { remainingAttempts: 3 }));
    expect(flow.open()).toBe(true);
    expect(flow.remainingAttempts()).toBe(3);
    expect(flow.problem()?.code).toBe('wrong_pin');
    expect(flow.locked()).toBe(false);
    expect(signed).toEqual([]);
  });

  it('locks after the last wrong PIN and on signing_locked (423)', () => {
    start();
    signWith('000000').flush(...problem('wrong_pin', 403, { remainingAttempts: 0 }));
    expect(flow.locked()).toBe(true);

    start();
    signWith('000000').flush(...problem('signing_locked', 423));
    expect(flow.locked()).toBe(true);
    expect(flow.open()).toBe(true);
  });

  it('shows the locked state already when the caller’s signing is locked', () => {
    start({ ...ENROLLED, locked: true, failedPinAttempts: 5 });
    expect(flow.locked()).toBe(true);
  });

  it('passes on whose step it is when it is not the caller’s (not_your_step detail)', () => {
    start();
    signWith('123456').flush(
      ...problem('not_your_step', 403, {
        detail: 'Bước 2 (Trưởng khoa) do trưởng khoa Nội tổng hợp ký.',
      }),
    );
    expect(flow.problem()).toEqual({
      code: 'not_your_step',
      detail: 'Bước 2 (Trưởng khoa) do trưởng khoa Nội tổng hợp ký.',
      fields: [],
    });
  });

  it('asks a caller without a certificate to choose a PIN first, then to sign with it', () => {
    start({ certificate: null, locked: false, failedPinAttempts: 0 });
    expect(flow.mode()).toBe('enrol');
    flow.submit('246810');
    const enrol = backend.expectOne({
      method: 'POST',
      url: '/api/me/signing/enrol',
    });
    expect(enrol.request.body).toEqual({ pin: '246810' });
    enrol.flush(ENROLLED);
    expect([flow.mode(), flow.enrolled(), flow.open()]).toEqual(['sign', true, true]);
    signWith('246810').flush({ id: 's-1' });
    expect(signed).toHaveLength(1);
  });

  it('switches to enrolment when the server says not_enrolled', () => {
    start();
    signWith('123456').flush(...problem('not_enrolled', 409));
    expect(flow.mode()).toBe('enrol');
  });

  it('hands the missing mandatory fields of content_incomplete to the page, or lists them in the dialog', () => {
    const missing: FieldError[][] = [];
    start(ENROLLED, (errors) => missing.push(errors));
    const errors = [{ field: '/reasonForAdmission/reason', message: 'required' }];
    signWith('123456').flush(...problem('content_incomplete', 400, { errors }));
    expect(flow.open()).toBe(false);
    expect(missing).toEqual([errors]);

    start();
    signWith('123456').flush(...problem('content_incomplete', 400, { errors }));
    expect(flow.open()).toBe(true);
    expect(flow.problem()?.fields).toEqual(['/reasonForAdmission/reason']);
  });

  it('refuses up front with a revoked certificate', () => {
    start({ ...ENROLLED, certificate: { ...CERTIFICATE, status: 'revoked' } });
    expect(flow.problem()?.code).toBe('certificate_revoked');
  });
});
