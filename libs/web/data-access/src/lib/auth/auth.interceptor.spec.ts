import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { aTokenResponse, aUser, PROBLEM_401 } from '../../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { SessionStore } from './session-store';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let store: SessionStore;
  let router: Router;

  function signIn(n = 1): void {
    sessionStorage.clear();
    TestBed.inject(SessionStore).write({ accessToken: `access-${n}`, refreshToken: `refresh-${n}`, user: aUser() });
  }

  function setUp(): void {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SessionStore);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  }

  const unauthorized = { status: 401, statusText: 'Unauthorized' };

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.resetTestingModule();
  });

  afterEach(() => backend.verify());

  it('adds the bearer access token to API calls', () => {
    setUp();
    signIn();
    http.get('/api/patients').subscribe();
    expect(backend.expectOne('/api/patients').request.headers.get('Authorization')).toBe('Bearer access-1');
  });

  it('sends no bearer to login and refresh, nor to anything outside /api/', () => {
    setUp();
    signIn();
    http.post('/api/auth/login', {}).subscribe();
    http.post('/api/auth/refresh', {}).subscribe();
    http.get('/i18n/vi.json').subscribe();
    http.get('https://example.org/api/x').subscribe();
    for (const url of ['/api/auth/login', '/api/auth/refresh', '/i18n/vi.json', 'https://example.org/api/x']) {
      expect(backend.expectOne(url).request.headers.has('Authorization')).toBe(false);
    }
  });

  it('refreshes once on a 401 and replays the call with the new token', () => {
    setUp();
    signIn();
    const results: unknown[] = [];
    http.get('/api/patients').subscribe((r) => results.push(r));

    backend.expectOne('/api/patients').flush(PROBLEM_401, unauthorized);
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.body).toEqual({ refreshToken: 'refresh-1' });
    refresh.flush(aTokenResponse(2));

    const retry = backend.expectOne('/api/patients');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush({ items: [] });
    expect(results).toEqual([{ items: [] }]);
  });

  it('stores the rotated refresh token so the old one is never presented again', () => {
    setUp();
    signIn();
    http.get('/api/patients').subscribe();
    backend.expectOne('/api/patients').flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(aTokenResponse(2));
    backend.expectOne('/api/patients').flush({});

    expect(store.read()?.refreshToken).toBe('refresh-2');
    expect(TestBed.inject(AuthService).accessToken()).toBe('access-2');
  });

  it('shares one refresh between concurrent 401s (single flight)', () => {
    setUp();
    signIn();
    const done: string[] = [];
    for (const url of ['/api/a', '/api/b', '/api/c']) http.get(url).subscribe(() => done.push(url));

    for (const url of ['/api/a', '/api/b', '/api/c']) backend.expectOne(url).flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(aTokenResponse(2));

    for (const url of ['/api/a', '/api/b', '/api/c']) {
      const retry = backend.expectOne(url);
      expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
      retry.flush({});
    }
    expect(done.sort()).toEqual(['/api/a', '/api/b', '/api/c']);
  });

  it('reuses a token refreshed meanwhile when a 401 for the old token arrives late', () => {
    setUp();
    signIn();
    http.get('/api/a').subscribe();
    http.get('/api/b').subscribe();
    backend.expectOne('/api/a').flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(aTokenResponse(2));
    backend.expectOne('/api/a').flush({});

    backend.expectOne('/api/b').flush(PROBLEM_401, unauthorized);
    backend.expectNone('/api/auth/refresh');
    expect(backend.expectOne('/api/b').request.headers.get('Authorization')).toBe('Bearer access-2');
  });

  it('refreshes only once: a 401 on the replayed call reaches the caller', () => {
    setUp();
    signIn();
    let status = 0;
    http.get('/api/a').subscribe({ error: (e: { status: number }) => (status = e.status) });
    backend.expectOne('/api/a').flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(aTokenResponse(2));
    backend.expectOne('/api/a').flush(PROBLEM_401, unauthorized);

    backend.expectNone('/api/auth/refresh');
    expect(status).toBe(401);
  });

  it('clears the session and goes to /login when the refresh is refused', () => {
    setUp();
    signIn();
    router.navigated = true;
    let status = 0;
    http.get('/api/a').subscribe({ error: (e: { status: number }) => (status = e.status) });
    http.get('/api/b').subscribe({ error: () => undefined });
    backend.expectOne('/api/a').flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/b').flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(PROBLEM_401, unauthorized);

    expect(status).toBe(401);
    expect(store.read()).toBeNull();
    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
    expect(router.navigateByUrl).toHaveBeenCalledTimes(1);
    expect(router.navigateByUrl).toHaveBeenCalledWith(router.parseUrl('/login'));
  });

  it('sends an expired session to /login with the page to return to after signing in again', () => {
    setUp();
    signIn();
    router.navigated = true;
    jest.spyOn(router, 'url', 'get').mockReturnValue('/doctor/census?department=1');
    http.get('/api/a').subscribe({ error: () => undefined });
    backend.expectOne('/api/a').flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(PROBLEM_401, unauthorized);

    expect(router.navigateByUrl).toHaveBeenCalledWith(
      router.createUrlTree(['/login'], { queryParams: { returnUrl: '/doctor/census?department=1' } }),
    );
  });

  it('leaves a session refused at start-up to the guards of the first navigation (they keep its URL)', () => {
    setUp();
    signIn();
    http.get('/api/a').subscribe({ error: () => undefined });
    backend.expectOne('/api/a').flush(PROBLEM_401, unauthorized);
    backend.expectOne('/api/auth/refresh').flush(PROBLEM_401, unauthorized);

    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });

  it('passes a 401 through untouched when there is no session to refresh', () => {
    setUp();
    let status = 0;
    http.get('/api/a').subscribe({ error: (e: { status: number }) => (status = e.status) });
    const req = backend.expectOne('/api/a');
    expect(req.request.headers.has('Authorization')).toBe(false);
    req.flush(PROBLEM_401, unauthorized);
    backend.expectNone('/api/auth/refresh');
    expect(status).toBe(401);
  });

  it('does not refresh on errors other than 401', () => {
    setUp();
    signIn();
    http.get('/api/a').subscribe({ error: () => undefined });
    backend.expectOne('/api/a').flush({ status: 403, title: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    backend.expectNone('/api/auth/refresh');
  });
});
