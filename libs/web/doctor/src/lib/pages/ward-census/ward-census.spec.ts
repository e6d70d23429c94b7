import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import type { Department } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aCensusEntry, aDoctor, anEncounter, wards } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { DischargeDialog } from '../../components/discharge-dialog/discharge-dialog';
import { TransferDialog } from '../../components/transfer-dialog/transfer-dialog';
import { DoctorStore } from '../../doctor.store';
import { WardCensus } from './ward-census';

const DEPARTMENTS: Department[] = [
  { id: 'd-noi', code: 'NOI', name: 'Khoa Nội tổng hợp', nameEn: null, kind: 'clinical', active: true },
  { id: 'd-ngoai', code: 'NGOAI', name: 'Khoa Ngoại tổng hợp', nameEn: null, kind: 'clinical', active: true },
  { id: 'd-xn', code: 'XN', name: 'Khoa Xét nghiệm', nameEn: null, kind: 'paraclinical', active: true },
];

describe(WardCensus.name, () => {
  let fixture: ComponentFixture<WardCensus>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  beforeEach(async () => {
    storeSession(
      aDoctor({
        departments: [
          { id: 'd-noi', code: 'NOI', name: 'Khoa Nội tổng hợp', isHead: false },
          { id: 'd-hscc', code: 'HSCC', name: 'Khoa Hồi sức cấp cứu', isHead: false },
        ],
      }),
    );
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI }), DoctorStore],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(WardCensus);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    const census = backend.expectOne((r) => r.url === '/api/encounters/census');
    expect(census.request.params.get('departmentId')).toBe('d-noi');
    census.flush([
      aCensusEntry({ encounterId: 'e-2', patientName: 'Lê Văn Tám', patientCode: 'BN000200', sex: 'male', birthYear: 1948, wardCode: 'P101', bedCode: 'G3', dayOfStay: 12 }),
      aCensusEntry(),
      aCensusEntry({ encounterId: 'e-3', patientName: 'Võ Thị Năm', wardCode: null, bedCode: null }),
    ]);
    await fixture.whenStable();
  });

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="census-row"]'));

  it('lists the inpatients by bed with patient, day of stay, attending doctor and diagnoses', () => {
    const [first, second] = rows().map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent?.trim()));
    expect(first.slice(0, 7)).toEqual([
      'P101 · G2',
      'Trịnh Thị Ngọc ÁnhBN000123 · 1990 · Nữ',
      'NT-2026-000045',
      expect.any(String),
      '3',
      'BS. Nguyễn Văn Minh',
      'J18.9 Viêm phổi, không đặc hiệu',
    ]);
    expect(second[0]).toBe('P101 · G3');
    expect(second[1]).toContain('Nam');
    expect(rows()[2].querySelector('td')?.textContent?.trim()).toBe(vi('doctor.census.noBed'));
  });

  it('shows the census of another of the doctor’s departments when chosen', async () => {
    TestBed.inject(DoctorStore).selectDepartment('d-hscc');
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/encounters/census' && r.params.get('departmentId') === 'd-hscc').flush([]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="census-empty"]')?.textContent?.trim()).toBe(vi('doctor.census.empty'));
  });

  async function openTransfer(): Promise<TransferDialog> {
    rows()[0].querySelector<HTMLButtonElement>('[data-testid="census-transfer"]')?.click();
    fixture.detectChanges();
    backend.expectOne('/api/encounters/e-1').flush(anEncounter());
    backend.expectOne('/api/departments').flush(DEPARTMENTS);
    backend.expectOne('/api/wards').flush(wards());
    await fixture.whenStable();
    return fixture.debugElement.query(By.directive(TransferDialog)).componentInstance as TransferDialog;
  }

  it('transfers to another department with the version read, leaving the bed to that department', async () => {
    const dialog = await openTransfer();
    expect(document.body.querySelector('[data-testid="transfer-from"]')?.textContent).toContain('Khoa Nội tổng hợp');
    (dialog as unknown as { departmentId: { set(v: string): void } }).departmentId.set('d-hscc');
    await fixture.whenStable();
    expect(document.body.querySelector('[data-testid="bed-by-receiving-department"]')).not.toBeNull();

    document.body.querySelector<HTMLButtonElement>('[data-testid="transfer-submit"]')?.click();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/transfer' });
    expect(req.request.body).toEqual({ version: 1, departmentId: 'd-hscc', bedId: null, reason: null });
    req.flush(anEncounter({ departmentId: 'd-hscc', departmentName: 'Khoa Hồi sức cấp cứu', bedId: null, bedCode: null, version: 2 }));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/encounters/census').flush([]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="census-notice"]')?.textContent).toContain('Khoa Hồi sức cấp cứu');
  });

  it('offers only active clinical departments, and free beds when the department is the doctor’s', async () => {
    const dialog = await openTransfer();
    expect((dialog as unknown as { departments(): Department[] }).departments().map((d) => d.code)).toEqual(['NOI', 'NGOAI']);
    (dialog as unknown as { departmentId: { set(v: string): void } }).departmentId.set('d-noi');
    await fixture.whenStable();
    const beds = Array.from(document.body.querySelectorAll<HTMLButtonElement>('[data-testid="transfer-dialog"] [data-testid="bed"]'));
    expect(beds.map((b) => [b.dataset['bedCode'], b.disabled])).toEqual([
      ['G1', true],
      ['G2', false],
    ]);
    // Same department, no other bed: nothing would change.
    document.body.querySelector<HTMLButtonElement>('[data-testid="transfer-submit"]')?.click();
    await fixture.whenStable();
    backend.expectNone('/api/encounters/e-1/transfer');
    expect(document.body.querySelector('[data-testid="transfer-nothing-changes"]')).not.toBeNull();
  });

  it('reads the encounter again when someone else changed it first (409 stale_version)', async () => {
    const dialog = await openTransfer();
    (dialog as unknown as { departmentId: { set(v: string): void } }).departmentId.set('d-ngoai');
    await fixture.whenStable();
    document.body.querySelector<HTMLButtonElement>('[data-testid="transfer-submit"]')?.click();
    await fixture.whenStable();
    backend
      .expectOne('/api/encounters/e-1/transfer')
      .flush({ type: 'https://benhan.dev/problems/stale_version', title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    backend.expectOne('/api/encounters/e-1').flush(anEncounter({ version: 5 }));
    await fixture.whenStable();
    expect(document.body.querySelector('[data-testid="transfer-error"]')?.textContent).toContain(vi('doctor.common.staleVersion'));
  });

  it('discharges with outcome, type and the ICD-10 diagnoses, after asking for the required ones', async () => {
    rows()[0].querySelector<HTMLButtonElement>('[data-testid="census-discharge"]')?.click();
    fixture.detectChanges();
    backend.expectOne('/api/encounters/e-1').flush(anEncounter({ version: 3 }));
    await fixture.whenStable();
    const submit = () => document.body.querySelector<HTMLButtonElement>('[data-testid="discharge-submit"]')?.click();

    submit();
    await fixture.whenStable();
    backend.expectNone('/api/encounters/e-1/discharge');
    expect(document.body.querySelector('[data-testid="discharge-dialog"]')?.textContent).toContain(vi('doctor.problem.required'));

    const dialog = fixture.debugElement.query(By.directive(DischargeDialog)).componentInstance as unknown as Record<
      string,
      { set(v: unknown): void }
    >;
    dialog['outcome'].set('improved');
    dialog['type'].set('discharged');
    dialog['principal'].set({ code: 'J18.9' });
    dialog['secondary'].set({ code: 'I10' });
    await fixture.whenStable();
    submit();
    await fixture.whenStable();
    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/discharge' });
    expect(req.request.body).toEqual({
      version: 3,
      outcome: 'improved',
      type: 'discharged',
      diagnoses: [
        { role: 'principal', code: 'J18.9' },
        { role: 'secondary', code: 'I10' },
      ],
    });
    req.flush(anEncounter({ status: 'finished', dischargeOutcome: 'improved', dischargeType: 'discharged' }));
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/encounters/census').flush([]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="census-notice"]')?.textContent).toContain('đã ra viện');
  });
});
