import { ApplicationInitStatus } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { aUser, PROBLEM_401 } from '../../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { provideAuthSession } from './provide-auth';

describe('provideAuthSession', () => {
  function boot(): { backend: HttpTestingController; done: Promise<unknown> } {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideAuthSession(),
      ],
    });
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const backend = TestBed.inject(HttpTestingController);
    return { backend, done: TestBed.inject(ApplicationInitStatus).donePromise };
  }

  beforeEach(() => sessionStorage.clear());

  it('asks nothing of the API when no session was stored', async () => {
    const { backend, done } = boot();
    await done;
    backend.verify();
  });

  it('refreshes the stored user before the first navigation', async () => {
    sessionStorage.setItem('bh.session', JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: aUser(['doctor']) }));
    const { backend, done } = boot();
    backend.expectOne('/api/auth/me').flush(aUser(['doctor', 'inspector']));
    await done;
    expect(TestBed.inject(AuthService).workspaces().map((w) => w.key)).toEqual(['doctor', 'inspector']);
  });

  it('drops a stored session the API no longer accepts', async () => {
    sessionStorage.setItem('bh.session', JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: aUser() }));
    const { backend, done } = boot();
    backend.expectOne('/api/auth/me').flush(PROBLEM_401, { status: 401, statusText: 'Unauthorized' });
    await Promise.resolve();
    backend.expectOne('/api/auth/refresh').flush(PROBLEM_401, { status: 401, statusText: 'Unauthorized' });
    await done;
    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
  });
});
