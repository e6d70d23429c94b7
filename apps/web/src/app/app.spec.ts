import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { UserRole } from '@benhan/shared/contracts';
import { authInterceptor } from '@benhan/web/data-access';
import { provideI18nTesting } from '@benhan/web/ui';
import { appRoutes } from './app.routes';

/** The route table end to end: guards, redirects and lazy workspace libraries together. */
describe('appRoutes', () => {
  async function open(url: string, roles: UserRole[] | null): Promise<{ url: string; page: HTMLElement }> {
    sessionStorage.clear();
    if (roles) {
      const user = {
        id: 'u-1',
        username: 'x',
        fullName: 'Lê Văn Cường',
        roles,
        departments: [],
        facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện' },
        practisingCertificateNo: null,
      };
      sessionStorage.setItem('bh.session', JSON.stringify({ accessToken: 'a', refreshToken: 'r', user }));
    }
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideI18nTesting(),
      ],
    });
    const harness = await RouterTestingHarness.create(url);
    return { url: TestBed.inject(Router).url, page: harness.routeNativeElement as HTMLElement };
  }

  it('sends a signed-out visitor to the login page', async () => {
    const { url, page } = await open('/', null);
    expect(url).toBe('/login');
    expect(page.querySelector('[data-testid="login-submit"]')).not.toBeNull();
  });

  it('sends a signed-out visitor of a workspace to the login page, remembering the page to return to', async () => {
    expect((await open('/doctor', null)).url).toBe('/login?returnUrl=%2Fdoctor');
  });

  it.each<[UserRole, string]>([
    ['doctor', '/doctor'],
    ['nurse', '/nurse'],
    ['records_officer', '/records'],
    ['inspector', '/inspector'],
    ['admin', '/admin'],
  ])('lands a %s on %s with its lazily loaded placeholder', async (role, path) => {
    const { url, page } = await open('/', [role]);
    expect(url).toBe(path);
    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe(
      `workspacePage.${path.slice(1)}.title`,
    );
  });

  it('redirects a role away from a workspace it does not hold, to its first workspace', async () => {
    expect((await open('/admin', ['doctor'])).url).toBe('/doctor');
    expect((await open('/doctor', ['nurse'])).url).toBe('/nurse');
  });

  it('keeps a signed-in user off the login page', async () => {
    expect((await open('/login', ['inspector'])).url).toBe('/inspector');
  });

  it('sends unknown paths to the first workspace', async () => {
    expect((await open('/no-such-page', ['records_officer'])).url).toBe('/records');
  });
});
