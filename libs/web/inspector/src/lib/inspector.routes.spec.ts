import { type HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { aTrailEntry, anIntegrityReport, pageOf } from '../testing/fixtures';
import { storeSession } from '../testing/session';
import { INSPECTOR_ROUTES } from './inspector.routes';

jest.setTimeout(30_000);

describe('INSPECTOR_ROUTES', () => {
  /**
   * Navigates without waiting for stability (the pages' pending requests would hold it), answering the requests
   * as they are made for a while, then waits for the navigation.
   */
  async function open(url: string, answers: [(r: HttpRequest<unknown>) => boolean, unknown][]): Promise<HTMLElement> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'inspector', children: INSPECTOR_ROUTES }]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting()],
    });
    const backend = TestBed.inject(HttpTestingController);
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

  const tabs = (page: HTMLElement) => Array.from(page.querySelectorAll('nav a')).map((a) => a.getAttribute('data-testid'));

  afterEach(() => sessionStorage.clear());

  it('lands the inspector on the signature trail, under the workspace title and its four tabs', async () => {
    const page = await open('/inspector', [[(r) => r.url === '/api/audit/signature-trail', pageOf([aTrailEntry()])]]);

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.inspector.title');
    expect(tabs(page)).toEqual(['nav-signatures', 'nav-access', 'nav-integrity', 'nav-events']);
    expect(page.querySelector('[data-testid="nav-signatures"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('bh-signature-trail')).not.toBeNull();
    expect(page.textContent).toContain('workspacePage.inspector.description');
    expect(page.querySelectorAll('[data-testid="trail-row"]')).toHaveLength(1);
  });

  it('loads the integrity page from its tab', async () => {
    const page = await open('/inspector/integrity', [
      [(r) => r.url === '/api/audit/integrity/runs', [anIntegrityReport()]],
      [(r) => r.url === '/api/audit/checkpoints', []],
    ]);
    expect(page.querySelector('bh-integrity')).not.toBeNull();
    expect(page.querySelector('[data-testid="nav-integrity"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('[data-testid="integrity-last"]')?.getAttribute('data-status')).toBe('OK');
  });

  it('keeps the workspace name as the title, and titles every page with a translation key', () => {
    const [workspace] = INSPECTOR_ROUTES;
    expect(workspace.title).toBe('workspace.inspector');
    expect((workspace.children ?? []).map((r) => [r.path, r.title])).toEqual([
      ['', 'inspector.trail.title'],
      ['access', 'inspector.access.title'],
      ['integrity', 'inspector.integrity.title'],
      ['events', 'inspector.events.title'],
    ]);
    expect((workspace.children ?? []).filter((r) => r.loadComponent).map((r) => r.path)).toEqual(['access', 'integrity', 'events']);
  });
});
