import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { PatientSummary } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aPatient } from '../../../testing/fixtures';
import { VI } from '../../../testing/translations';
import { PAGE_SIZE, PatientSearch, SEARCH_DEBOUNCE_MS } from './patient-search';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(PatientSearch.name, () => {
  let fixture: ComponentFixture<PatientSearch>;
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
    fixture = TestBed.createComponent(PatientSearch);
    el = fixture.nativeElement as HTMLElement;
    // Not whenStable: the first search is pending until a test answers it.
    fixture.detectChanges();
  });

  afterEach(() => backend.verify());

  const searchRequest = (): TestRequest => backend.expectOne((r) => r.url === '/api/patients');
  const page = (items: PatientSummary[], total = items.length, offset = 0) => ({ items, total, limit: PAGE_SIZE, offset });

  async function typeQuery(value: string): Promise<void> {
    const input = el.querySelector<HTMLInputElement>('[data-testid="patient-search"]');
    if (!input) throw new Error('no search box');
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await sleep(SEARCH_DEBOUNCE_MS + 50);
    fixture.detectChanges();
  }

  it('lists patients with code, name, dd/MM/yyyy birth date, Vietnamese sex and CCCD', async () => {
    const first = searchRequest();
    expect(first.request.params.has('q')).toBe(false);
    expect(first.request.params.get('limit')).toBe(String(PAGE_SIZE));
    first.flush(page([aPatient(), aPatient({ id: 'p-2', patientCode: 'BN000124', fullName: 'Lê Văn Tám', birthDate: null, birthYear: 1948, sex: 'male', citizenId: null })]));
    await fixture.whenStable();

    const rows = Array.from(el.querySelectorAll('[data-testid="patient-row"]')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['BN000123', 'Trịnh Thị Ngọc Ánh', '01/05/1990', 'Nữ', '001190012345'],
      ['BN000124', 'Lê Văn Tám', '1948', 'Nam', ''],
    ]);
  });

  it('searches once the typing pauses, sending the text as typed (the API folds diacritics)', async () => {
    searchRequest().flush(page([]));
    await fixture.whenStable();
    await typeQuery('trinh thi ngoc anh');

    const req = searchRequest();
    expect(req.request.params.get('q')).toBe('trinh thi ngoc anh');
    expect(req.request.params.get('offset')).toBe('0');
    req.flush(page([aPatient()]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="patient-name"]')?.textContent).toBe('Trịnh Thị Ngọc Ánh');
  });

  it('sends one request for a burst of keystrokes', async () => {
    searchRequest().flush(page([]));
    await fixture.whenStable();
    const input = el.querySelector<HTMLInputElement>('[data-testid="patient-search"]');
    for (const value of ['t', 'tr', 'tri', 'trin', 'trinh']) {
      if (input) input.value = value;
      input?.dispatchEvent(new Event('input'));
    }
    await sleep(SEARCH_DEBOUNCE_MS + 50);
    fixture.detectChanges();
    const req = searchRequest();
    expect(req.request.params.get('q')).toBe('trinh');
    req.flush(page([]));
  });

  it('pages through the results with offset', async () => {
    const many = Array.from({ length: PAGE_SIZE }, (_, i) => aPatient({ id: `p-${i}`, patientCode: `BN${i}` }));
    searchRequest().flush(page(many, 45));
    await fixture.whenStable();

    el.querySelector<HTMLButtonElement>('.p-paginator-next')?.click();
    fixture.detectChanges();
    const next = searchRequest();
    expect(next.request.params.get('offset')).toBe(String(PAGE_SIZE));
    next.flush(page([aPatient()], 45, PAGE_SIZE));
  });

  it('opens the patient page when a row is clicked', async () => {
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    searchRequest().flush(page([aPatient({ id: 'p-42' })]));
    await fixture.whenStable();
    el.querySelector<HTMLElement>('[data-testid="patient-row"] td')?.click();
    expect(navigate).toHaveBeenCalledWith(['/doctor/patients', 'p-42']);
  });

  it('says when nothing matches and offers to retry a failed search', async () => {
    searchRequest().flush(page([]));
    await fixture.whenStable();
    await typeQuery('khong ai');
    searchRequest().flush(page([]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="no-patients"]')?.textContent?.trim()).toBe('Không tìm thấy bệnh nhân phù hợp.');

    await typeQuery('loi');
    searchRequest().flush({ type: 'about:blank', title: 'Error', status: 500 }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="search-error"]')).not.toBeNull();
  });

  it('links to the registration form', async () => {
    searchRequest().flush(page([]));
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="register-patient"]')?.getAttribute('href')).toBe('/doctor/patients/new');
  });
});
