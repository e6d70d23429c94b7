import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aPatient } from '../../../testing/fixtures';
import { VI, vi } from '../../../testing/translations';
import { PatientRegistration } from './patient-registration';

describe(PatientRegistration.name, () => {
  let fixture: ComponentFixture<PatientRegistration>;
  let backend: HttpTestingController;
  let router: Router;
  let el: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(PatientRegistration);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    backend.expectOne('/api/ethnicities').flush([{ code: '01', name: 'Kinh' }]);
    backend.expectOne('/api/provinces').flush([{ code: '01', name: 'Thành phố Hà Nội' }]);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function type(selector: string, value: string): void {
    const input = el.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
  }

  function chooseSex(label: string): void {
    const option = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="sex"] [role="button"]')).find(
      (b) => b.textContent?.trim() === label,
    );
    if (!option) throw new Error(`no sex option ${label}`);
    option.click();
  }

  /** PrimeNG's date picker is driven through its form control: jsdom has no layout for its overlay. */
  function setBirthDate(date: Date): void {
    fixture.componentInstance['form'].controls.birthDate.setValue(date);
  }

  function problemsOf(field: string): string[] {
    return Array.from(el.querySelectorAll(`#${field}-problems [data-testid="field-problem"]`)).map(
      (p) => p.textContent?.trim() ?? '',
    );
  }

  async function fillValidPatient(): Promise<void> {
    type('#fullName', 'Trịnh Thị Ngọc Ánh');
    setBirthDate(new Date(1990, 4, 1));
    chooseSex('Nữ');
    type('#citizenId', '001190012345');
    type('#cardNumber', 'dn4010123456789');
    fixture.componentInstance['form'].controls.insuranceCard.patchValue({
      validFrom: new Date(2026, 0, 1),
      validTo: new Date(2026, 11, 31),
    });
    await fixture.whenStable();
  }

  async function submit(): Promise<void> {
    el.querySelector<HTMLButtonElement>('[data-testid="register-submit"]')?.click();
    await fixture.whenStable();
  }

  it('labels the form in Vietnamese', () => {
    expect(el.querySelector('h2')?.textContent).toBe('Đăng ký bệnh nhân mới');
    expect(el.querySelector('label[for="fullName"]')?.textContent).toContain('Họ và tên');
    expect(el.querySelector('label[for="citizenId"]')?.textContent).toContain('Số CCCD');
    expect(el.querySelector('label[for="cardNumber"]')?.textContent).toContain('Mã thẻ BHYT');
  });

  it('says in Vietnamese that a CCCD must have 12 digits, once the field is left', async () => {
    type('#citizenId', '00119001');
    await fixture.whenStable();
    expect(problemsOf('citizenId')).toEqual(['Số CCCD phải gồm đúng 12 chữ số.']);
  });

  it('shows the problem of every field left, not only of the first one', async () => {
    type('#fullName', 'Trịnh Thị Ngọc Ánh');
    type('#phone', '12');
    type('#citizenId', '123');
    await fixture.whenStable();
    expect(problemsOf('phone')).toEqual([vi('doctor.problem.phone.format')]);
    expect(problemsOf('citizenId')).toEqual([vi('doctor.problem.citizen_id.format')]);
  });

  it('checks the CCCD against sex and year of birth with the shared validator', async () => {
    type('#citizenId', '001190012345');
    setBirthDate(new Date(1985, 0, 1));
    chooseSex('Nam');
    await fixture.whenStable();
    expect(problemsOf('citizenId')).toEqual([vi('doctor.problem.citizen_id.birth_year'), vi('doctor.problem.citizen_id.sex')]);

    setBirthDate(new Date(1990, 4, 1));
    chooseSex('Nữ');
    await fixture.whenStable();
    expect(problemsOf('citizenId')).toEqual([]);
  });

  it('rejects a malformed BHYT card number and a bad phone number in Vietnamese', async () => {
    type('#cardNumber', 'XX4010123456789');
    type('#phone', '12345');
    await fixture.whenStable();
    expect(problemsOf('cardNumber')).toContain(vi('doctor.problem.insurance_card.object_code'));
    expect(problemsOf('phone')).toEqual([vi('doctor.problem.phone.format')]);
  });

  it('asks for the required fields instead of calling the API', async () => {
    await submit();
    backend.expectNone('/api/patients');
    expect(problemsOf('fullName')).toEqual([vi('doctor.problem.required')]);
    expect(problemsOf('birthDate')).toEqual([vi('doctor.problem.required')]);
    expect(problemsOf('sex')).toEqual([vi('doctor.problem.required')]);
  });

  it('asks for the year instead of the date when only the year of birth is known', async () => {
    el.querySelector<HTMLElement>('#yearOnly')?.click();
    await fixture.whenStable();
    expect(el.querySelector('#birthDate')).toBeNull();
    type('#birthYear', '1850');
    await fixture.whenStable();
    expect(problemsOf('birthYear')).toEqual([vi('doctor.problem.birth_year.range')]);
  });

  it('posts a normalised registration and opens the new patient', async () => {
    await fillValidPatient();
    await submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/patients' });
    expect(req.request.body).toEqual({
      fullName: 'Trịnh Thị Ngọc Ánh',
      birthDate: '1990-05-01',
      birthYear: null,
      sex: 'female',
      identityStatus: 'verified',
      temporaryReason: null,
      citizenId: '001190012345',
      ethnicityCode: null,
      nationality: 'VN',
      occupation: null,
      address: null,
      phone: null,
      guardian: null,
      insuranceCard: { number: 'DN4010123456789', validFrom: '2026-01-01', validTo: '2026-12-31', registeredFacilityCode: null },
    });
    req.flush(aPatient({ id: 'p-new' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(router.navigate).toHaveBeenCalledWith(['/doctor/patients', 'p-new']);
  });

  it('shows the possible duplicates of a 409 and registers anyway once the doctor confirms', async () => {
    await fillValidPatient();
    await submit();
    backend.expectOne('/api/patients').flush(
      {
        type: 'https://benhan.dev/problems/possible_duplicate',
        title: 'Conflict',
        status: 409,
        possibleDuplicates: [
          { id: 'p-7', patientCode: 'BN000007', fullName: 'Trịnh Thị Ngọc Ánh', birthDate: '1990-05-01', sex: 'female' },
        ],
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();

    const candidates = Array.from(el.querySelectorAll('[data-testid="duplicate-candidate"]'));
    expect(candidates).toHaveLength(1);
    expect(candidates[0].textContent).toContain('BN000007');
    expect(candidates[0].textContent).toContain('01/05/1990');
    expect(candidates[0].textContent).toContain('Nữ');
    expect(el.querySelector('[data-testid="possible-duplicates"]')?.textContent).toContain(
      vi('doctor.registration.duplicatesTitle'),
    );
    expect(router.navigate).not.toHaveBeenCalled();

    el.querySelector<HTMLButtonElement>('[data-testid="confirm-duplicate"]')?.click();
    await fixture.whenStable();
    const again = backend.expectOne('/api/patients');
    expect(again.request.body.confirmDuplicate).toBe(true);
    again.flush(aPatient({ id: 'p-8' }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(router.navigate).toHaveBeenCalledWith(['/doctor/patients', 'p-8']);
    expect(el.querySelector('[data-testid="possible-duplicates"]')).toBeNull();
  });

  it('names the patient who already holds the CCCD', async () => {
    await fillValidPatient();
    await submit();
    backend.expectOne('/api/patients').flush(
      {
        type: 'https://benhan.dev/problems/citizen_id_taken',
        title: 'Conflict',
        status: 409,
        existingPatientCode: 'BN000042',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="citizen-id-taken"]')?.textContent).toContain(
      'Số CCCD này đã được đăng ký cho bệnh nhân BN000042.',
    );
  });

  it('puts the server field errors of a 400 under their fields until the value changes', async () => {
    await fillValidPatient();
    await submit();
    backend.expectOne('/api/patients').flush(
      {
        type: 'https://benhan.dev/problems/bad-request',
        title: 'Bad request',
        status: 400,
        errors: [
          { field: 'insuranceCard.number', message: 'card number is blocked' },
          { field: 'somethingElse', message: 'unknown field' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(problemsOf('cardNumber')).toEqual(['card number is blocked']);
    expect(el.querySelector('[data-testid="registration-server-problems"]')?.textContent).toContain('unknown field');

    type('#cardNumber', 'DN4010123456788');
    await fixture.whenStable();
    expect(problemsOf('cardNumber')).toEqual([]);
  });

  it('says the server cannot be reached when the request gets no answer', async () => {
    await fillValidPatient();
    await submit();
    backend.expectOne('/api/patients').error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="registration-error"]')?.textContent).toContain(vi('doctor.common.networkError'));
  });
});
