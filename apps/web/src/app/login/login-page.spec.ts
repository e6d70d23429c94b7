import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { TokenResponse, UserRole } from '@benhan/shared/contracts';
import { authInterceptor } from '@benhan/web/data-access';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { readTranslations, text } from '../../testing/translations';
import { LoginPage } from './login-page';

function tokenResponse(roles: UserRole[]): TokenResponse {
  return {
    accessToken: 'access-1',
    tokenType: 'Bearer',
    expiresIn: 900,
    refreshToken: 'refresh-1',
    refreshExpiresIn: 28800,
    user: {
      id: 'u-1',
      username: 'doctor',
      fullName: 'Nguyễn Văn An',
      roles,
      departments: [],
      facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện' },
      practisingCertificateNo: null,
    },
  };
}

const vi = readTranslations('vi');

describe(LoginPage.name, () => {
  let fixture: ComponentFixture<LoginPage>;
  let backend: HttpTestingController;
  let router: Router;
  let el: HTMLElement;

  beforeEach(async () => {
    sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideI18nTesting({ vi }),
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture = TestBed.createComponent(LoginPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  function type(selector: string, value: string): void {
    const input = el.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no ${selector}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  async function submitWith(username: string, password: string): Promise<void> {
    type('#username', username);
    type('#password', password);
    el.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')?.click();
    await fixture.whenStable();
  }

  async function answer(status: number, statusText: string): Promise<void> {
    backend
      .expectOne('/api/auth/login')
      .flush({ type: 'about:blank', title: statusText, status }, { status, statusText });
    await fixture.whenStable();
  }

  const errorText = () => el.querySelector('[data-testid="login-error"]')?.textContent?.trim();

  it('shows the product name, the EMR subtitle and Vietnamese labels', () => {
    expect(el.querySelector('[data-testid="app-name"]')?.textContent).toBe('Benhan');
    expect(el.querySelector('[data-testid="app-subtitle"]')?.textContent).toBe('Bệnh án điện tử bệnh viện');
    expect(el.querySelector('label[for="username"]')?.textContent).toBe('Tên đăng nhập');
    expect(el.querySelector('label[for="password"]')?.textContent).toBe('Mật khẩu');
    expect(el.querySelector('h1')?.textContent).toBe('Đăng nhập');
  });

  it('posts the credentials and goes to the first workspace of the user', async () => {
    await submitWith(' records ', 'Benhan@2026');
    const req = backend.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ username: 'records', password: 'Benhan@2026' });
    req.flush(tokenResponse(['admin', 'records_officer']));
    await fixture.whenStable();

    expect(router.navigateByUrl).toHaveBeenCalledWith(router.parseUrl('/records'));
    expect(errorText()).toBeUndefined();
  });

  it('returns to the page where the session expired (returnUrl) after signing in again', async () => {
    (router.navigateByUrl as jest.Mock).mockRestore();
    await router.navigateByUrl('/?returnUrl=%2Frecords%2Farchives%3Fq%3Dnguyen');
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    fixture.destroy();
    fixture = TestBed.createComponent(LoginPage);
    el = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();

    await submitWith('records', 'Benhan@2026');
    backend.expectOne('/api/auth/login').flush(tokenResponse(['records_officer']));
    await fixture.whenStable();

    expect(router.navigateByUrl).toHaveBeenCalledWith('/records/archives?q=nguyen');
  });

  it('shows "wrong username or password" in Vietnamese on 401 and clears the password', async () => {
    await submitWith('doctor', 'wrong');
    await answer(401, 'Unauthorized');

    expect(errorText()).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(el.querySelector<HTMLInputElement>('#password')?.value).toBe('');
    expect(el.querySelector<HTMLInputElement>('#username')?.value).toBe('doctor');
    expect(router.navigateByUrl).not.toHaveBeenCalled();
  });

  it('says the account is locked on 423', async () => {
    await submitWith('doctor', 'wrong');
    await answer(423, 'Locked');
    expect(errorText()).toBe(text(vi, 'login.error.locked'));
  });

  it('says there were too many attempts on 429', async () => {
    await submitWith('doctor', 'wrong');
    await answer(429, 'Too Many Requests');
    expect(errorText()).toBe(text(vi, 'login.error.tooManyAttempts'));
  });

  it('says the server is unreachable when the request gets no answer', async () => {
    await submitWith('doctor', 'x');
    backend.expectOne('/api/auth/login').error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(errorText()).toBe(text(vi, 'login.error.network'));
  });

  it('asks for both fields instead of calling the API with empty ones', async () => {
    el.querySelector<HTMLButtonElement>('[data-testid="login-submit"]')?.click();
    await fixture.whenStable();

    backend.expectNone('/api/auth/login');
    expect(el.textContent).toContain(text(vi, 'login.usernameRequired'));
    expect(el.textContent).toContain(text(vi, 'login.passwordRequired'));
  });

  it('has the name field focused on arrival, and does not scold a field merely left; an emptied one, yes', async () => {
    await fixture.whenStable();
    const username = el.querySelector<HTMLInputElement>('#username');
    expect(document.activeElement).toBe(username);
    username?.dispatchEvent(new Event('blur'));
    fixture.detectChanges();
    expect(el.textContent).not.toContain(text(vi, 'login.usernameRequired'));
    type('#username', 'doc');
    type('#username', '');
    username?.dispatchEvent(new Event('blur'));
    fixture.detectChanges();
    expect(el.textContent).toContain(text(vi, 'login.usernameRequired'));
  });

  it('refuses a user who has no workspace and keeps no session', async () => {
    await submitWith('ghost', 'Benhan@2026');
    backend.expectOne('/api/auth/login').flush(tokenResponse([]));
    await fixture.whenStable();

    expect(errorText()).toBe(text(vi, 'login.error.noWorkspace'));
    expect(sessionStorage.getItem('bh.session')).toBeNull();
  });
});
