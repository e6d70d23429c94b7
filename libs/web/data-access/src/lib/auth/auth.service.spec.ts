import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { aTokenResponse, aUser, PROBLEM_401 } from '../../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { SessionStore } from './session-store';

describe(AuthService.name, () => {
  let backend: HttpTestingController;
  let router: Router;

  function create(): AuthService {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    return TestBed.inject(AuthService);
  }

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.resetTestingModule();
  });

  afterEach(() => backend.verify());

  it('starts signed out when sessionStorage holds nothing', () => {
    const auth = create();
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.currentUser()).toBeNull();
    expect(auth.workspaces()).toEqual([]);
  });

  it('logs in with username and password and keeps the user and both tokens', () => {
    const auth = create();
    let name = '';
    auth.login({ username: 'doctor', password: 'secret' }).subscribe((u) => (name = u.fullName));
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ username: 'doctor', password: 'secret' });
    req.flush(aTokenResponse(1));

    expect(name).toBe('Nguyễn Văn An');
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.currentUser()?.roles).toEqual(['doctor']);
    expect(TestBed.inject(SessionStore).read()).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('restores the session from sessionStorage after a reload', () => {
    sessionStorage.setItem(
      'bh.session',
      JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: aUser(['nurse']) }),
    );
    const auth = create();
    expect(auth.isAuthenticated()).toBe(true);
    expect(auth.workspaces().map((w) => w.key)).toEqual(['nurse']);
  });

  it('treats a corrupt stored session as signed out', () => {
    sessionStorage.setItem('bh.session', '{not json');
    expect(create().isAuthenticated()).toBe(false);
  });

  it('logs out with the refresh token and the bearer, then forgets the session and goes to /login', () => {
    const auth = create();
    auth.login({ username: 'doctor', password: 'x' }).subscribe();
    backend.expectOne('/api/auth/login').flush(aTokenResponse(1));

    auth.logout().subscribe();
    const req = backend.expectOne('/api/auth/logout');
    expect(req.request.body).toEqual({ refreshToken: 'refresh-1' });
    expect(req.request.headers.get('Authorization')).toBe('Bearer access-1');
    req.flush(null, { status: 204, statusText: 'No Content' });

    expect(auth.isAuthenticated()).toBe(false);
    expect(sessionStorage.getItem('bh.session')).toBeNull();
    expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
  });

  it('refreshes an expired access token before logging out, presenting the rotated refresh token', () => {
    const auth = create();
    auth.login({ username: 'doctor', password: 'x' }).subscribe();
    backend.expectOne('/api/auth/login').flush(aTokenResponse(1));

    auth.logout().subscribe();
    backend.expectOne('/api/auth/logout').flush(PROBLEM_401, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/api/auth/refresh').flush(aTokenResponse(2));
    const second = backend.expectOne('/api/auth/logout');
    expect(second.request.body).toEqual({ refreshToken: 'refresh-2' });
    expect(second.request.headers.get('Authorization')).toBe('Bearer access-2');
    second.flush(null, { status: 204, statusText: 'No Content' });

    expect(auth.isAuthenticated()).toBe(false);
  });

  it('still signs out locally when the server cannot be reached', () => {
    const auth = create();
    auth.login({ username: 'doctor', password: 'x' }).subscribe();
    backend.expectOne('/api/auth/login').flush(aTokenResponse(1));

    let completed = false;
    auth.logout().subscribe({ complete: () => (completed = true) });
    backend.expectOne('/api/auth/logout').error(new ProgressEvent('error'));

    expect(completed).toBe(true);
    expect(auth.isAuthenticated()).toBe(false);
  });

  it('updates the user from GET /api/auth/me', () => {
    const auth = create();
    auth.login({ username: 'doctor', password: 'x' }).subscribe();
    backend.expectOne('/api/auth/login').flush(aTokenResponse(1));

    auth.reloadUser().subscribe();
    const me = backend.expectOne('/api/auth/me');
    expect(me.request.headers.get('Authorization')).toBe('Bearer access-1');
    me.flush(aUser(['doctor', 'admin']));

    expect(auth.workspaces().map((w) => w.key)).toEqual(['doctor', 'admin']);
    expect(TestBed.inject(SessionStore).read()?.user.roles).toEqual(['doctor', 'admin']);
  });

  it('sends a user to their first workspace, in menu order', () => {
    sessionStorage.setItem(
      'bh.session',
      JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: aUser(['admin', 'records_officer']) }),
    );
    const auth = create();
    expect(router.serializeUrl(auth.homeUrl())).toBe('/records');
  });
});
