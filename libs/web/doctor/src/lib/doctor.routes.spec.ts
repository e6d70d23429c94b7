import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { storeSession } from '../testing/session';
import { DOCTOR_ROUTES } from './doctor.routes';

describe('DOCTOR_ROUTES', () => {
  let backend: HttpTestingController;

  async function open(url: string): Promise<{ harness: RouterTestingHarness; page: HTMLElement }> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'doctor', children: DOCTOR_ROUTES }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create(url);
    return { harness, page: harness.routeNativeElement as HTMLElement };
  }

  afterEach(() => sessionStorage.clear());

  it('lands on the patient search under the workspace title and menu', async () => {
    const { page } = await open('/doctor');
    backend.expectOne((r) => r.url === '/api/patients').flush({ items: [], total: 0, limit: 20, offset: 0 });

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.doctor.title');
    expect(page.querySelector('[data-testid="nav-patients"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('[data-testid="nav-census"]')?.getAttribute('aria-current')).toBeNull();
    expect(page.querySelector('bh-patient-search')).not.toBeNull();
  });

  it('opens the ward census from the workspace menu', async () => {
    const { harness, page } = await open('/doctor');
    backend.expectOne((r) => r.url === '/api/patients').flush({ items: [], total: 0, limit: 20, offset: 0 });
    await harness.navigateByUrl('/doctor/census');
    backend.expectOne((r) => r.url === '/api/encounters/census').flush([]);
    await harness.fixture.whenStable();

    expect(page.querySelector('bh-ward-census')).not.toBeNull();
    expect(page.querySelector('[data-testid="nav-census"]')?.getAttribute('aria-current')).toBe('page');
  });

  it('opens the results inbox from the workspace menu, which stays current on a result', async () => {
    const { page, harness } = await open('/doctor/results');
    backend.expectOne('/api/results/inbox?limit=20&offset=0').flush({ items: [], total: 0, limit: 20, offset: 0 });
    expect(page.querySelector('bh-results-inbox')).not.toBeNull();
    expect(page.querySelector('[data-testid="nav-results"]')?.getAttribute('aria-current')).toBe('page');
    await harness.navigateByUrl('/doctor/orders/o-1/reports/r-1');
    backend.expectOne('/api/orders/o-1').flush({ reports: [] });
    expect(page.querySelector('[data-testid="nav-results"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('[data-testid="nav-patients"]')?.getAttribute('aria-current')).toBeNull();
  });

  it('titles every page with a translation key', () => {
    const pages = DOCTOR_ROUTES[0].children ?? [];
    expect(pages.map((r) => [r.path, r.title])).toEqual([
      ['', 'doctor.patients.title'],
      ['patients/new', 'doctor.registration.title'],
      ['patients/:id', 'doctor.patient.title'],
      ['census', 'doctor.census.title'],
      ['encounters/:id', 'doctor.encounter.title'],
      ['encounters/:id/orders', 'doctor.orders.title'],
      ['results', 'doctor.results.inbox.title'],
      ['orders/:orderId/reports/:reportId', 'doctor.results.view.title'],
      ['encounters/:id/documents/new', 'doctor.document.newTitle'],
      ['documents/:id', 'doctor.document.title'],
    ]);
  });
});
