import { type HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { anEncounter, DEFINITIONS } from '../testing/fixtures';
import { storeSession } from '../testing/session';
import { NURSE_ROUTES } from './nurse.routes';

describe('NURSE_ROUTES', () => {
  let backend: HttpTestingController;

  /**
   * Navigates without waiting for stability (the pages' pending requests would hold it), answering the requests
   * as they are made for a while, then waits for the navigation.
   */
  async function open(url: string, answers: [(r: HttpRequest<unknown>) => boolean, unknown][]): Promise<HTMLElement> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'nurse', children: NURSE_ROUTES }]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    for (let round = 0; round < 20; round++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const [matches, body] of answers) backend.match(matches).forEach((r) => r.flush(body as object));
    }
    await navigation;
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  afterEach(() => sessionStorage.clear());

  it('lands on the ward list of the nurse’s department under the workspace title and menu', async () => {
    const page = await open('/nurse', [
      [(r) => r.url === '/api/encounters/census' && r.params.get('departmentId') === 'd-noi', []],
      [(r) => r.url === '/api/care-chart/vital-sign-definitions', DEFINITIONS],
    ]);

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.nurse.title');
    expect(page.querySelector('[data-testid="nav-ward"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('bh-ward-list')).not.toBeNull();
  });

  it('opens a patient’s care chart on the vital signs tab', async () => {
    const page = await open('/nurse/encounters/e-1', [
      [(r) => r.url === '/api/encounters/e-1', anEncounter()],
      [(r) => r.url === '/api/care-chart/vital-sign-definitions', DEFINITIONS],
      [(r) => r.url === '/api/encounters/e-1/vital-signs', { encounterId: 'e-1', from: '', to: '', observations: [] }],
    ]);

    expect(page.querySelector('[data-testid="chart-patient"]')?.textContent).toContain('Trịnh Thị Ngọc Ánh');
    expect(page.querySelector('[data-testid="tab-vital-signs"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('bh-vital-signs-tab')).not.toBeNull();
    expect(page.querySelectorAll('[data-testid="vital-signs-entry"] input[inputmode="decimal"]')).toHaveLength(7);
    expect(page.querySelector('[data-testid="nav-ward"]')?.getAttribute('aria-current')).toBe('page');
  });

  it('titles every page with a translation key', () => {
    const pages = NURSE_ROUTES[0].children ?? [];
    expect(pages.map((r) => [r.path, r.title ?? null])).toEqual([
      ['', 'nurse.ward.title'],
      ['round', 'nurse.round.title'],
      ['encounters/:encounterId', null],
    ]);
    expect((pages[2].children ?? []).map((r) => r.title ?? null)).toEqual([
      null,
      'nurse.chart.tabs.vitalSigns',
      'nurse.chart.tabs.medications',
      'nurse.chart.tabs.careNotes',
    ]);
  });
});
