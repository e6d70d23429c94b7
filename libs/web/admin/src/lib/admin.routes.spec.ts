import { type HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { aFormDefinition, aFormSummary } from '../testing/fixtures';
import { ADMIN_ROUTES } from './admin.routes';

describe('ADMIN_ROUTES', () => {
  let backend: HttpTestingController;

  /**
   * Navigates without waiting for stability (the pages' pending requests would hold it), answering the requests
   * as they are made for a while, then waits for the navigation.
   */
  async function open(url: string, answers: [(r: HttpRequest<unknown>) => boolean, unknown][] = []): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'admin', children: ADMIN_ROUTES }]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    for (let round = 0; round < 10; round++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const [matches, body] of answers) backend.match(matches).forEach((r) => r.flush(body as object));
    }
    await navigation;
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  it('lands on the overview under the workspace title, its menu and a link to the forms', async () => {
    const page = await open('/admin');

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.admin.title');
    expect(page.querySelector('[data-testid="nav-home"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('[data-testid="nav-forms"]')?.getAttribute('aria-current')).toBeNull();
    expect(page.textContent).toContain('workspacePage.admin.description');
    expect(page.querySelector('[data-testid="area-forms"]')?.getAttribute('href')).toBe('/admin/forms');
    expect(page.querySelector('[data-testid="area-interfaces"]')?.getAttribute('href')).toBe('/admin/interfaces');
  });

  it('lists the forms with their signer steps, the forms item of the menu current', async () => {
    const page = await open('/admin/forms', [[(r) => r.url === '/api/forms', [aFormSummary()]]]);

    expect(page.querySelector('[data-testid="nav-forms"]')?.getAttribute('aria-current')).toBe('page');
    const row = page.querySelector('[data-testid="form-row"][data-form-code="01/BV1"]');
    expect(row?.querySelector('[data-testid="form-link"]')?.getAttribute('href')).toBe('/admin/forms/01%2FBV1');
    expect(row?.querySelector('[data-testid="form-signers"]')?.textContent).toContain('Trưởng khoa');
  });

  it('opens a form whose code holds a slash from its URL-encoded segment', async () => {
    const page = await open('/admin/forms/01%2FBV1', [[(r) => r.url === '/api/forms/01%2FBV1', aFormDefinition()]]);

    expect(page.querySelector('[data-testid="form-page-title"]')?.textContent).toBe('Bệnh án nội khoa');
    expect(page.querySelector('[data-testid="nav-forms"]')?.getAttribute('aria-current')).toBe('page');
  });

  it('opens the upload page at /admin/forms/new rather than a form coded “new”', async () => {
    const page = await open('/admin/forms/new', [[(r) => r.url === '/api/forms', []]]);

    expect(page.querySelector('bh-form-upload')).not.toBeNull();
    expect(page.querySelector('bh-form-page')).toBeNull();
  });

  it('opens the HL7 interfaces page from the menu’s interfaces item, which is then current', async () => {
    const page = await open('/admin/interfaces', [
      [(r) => r.url === '/api/interfaces', { listener: { host: '0.0.0.0', port: 2575, tls: false, connections: 0 }, destinations: [], quarantined: 0 }],
      [(r) => r.url === '/api/interfaces/messages', { items: [], total: 0, limit: 25, offset: 0 }],
    ]);

    expect(page.querySelector('[data-testid="nav-interfaces"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('[data-testid="nav-forms"]')?.getAttribute('aria-current')).toBeNull();
    expect(page.querySelector('bh-interfaces [data-testid="no-destinations"]')).not.toBeNull();
  });

  it('titles every page with a translation key', () => {
    expect((ADMIN_ROUTES[0].children ?? []).map((r) => [r.path, r.title])).toEqual([
      ['', 'workspace.admin'],
      ['forms', 'admin.forms.title'],
      ['forms/new', 'admin.upload.title'],
      ['forms/:code', 'admin.form.title'],
      ['interfaces', 'admin.interfaces.title'],
    ]);
  });
});
