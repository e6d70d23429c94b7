import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { type CurrentUser, USER_ROLES, type UserRole, WORKSPACES } from '@benhan/shared/contracts';
import { authInterceptor } from '@benhan/web/data-access';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { readTranslations } from '../../testing/translations';
import { Shell } from './shell';

function user(roles: UserRole[], departments: CurrentUser['departments'] = []): CurrentUser {
  return {
    id: 'u-1',
    username: 'headdoctor',
    fullName: 'Trần Thị Bình',
    roles,
    departments,
    facility: { id: 'f-1', code: 'BV01', name: 'Bệnh viện Đa khoa Benhan' },
    practisingCertificateNo: null,
  };
}

describe(Shell.name, () => {
  async function render(signedIn: CurrentUser): Promise<HTMLElement> {
    sessionStorage.clear();
    sessionStorage.setItem('bh.session', JSON.stringify({ accessToken: 'access-1', refreshToken: 'refresh-1', user: signedIn }));
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: readTranslations('vi') }),
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    const fixture = TestBed.createComponent(Shell);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const menuKeys = (el: HTMLElement) =>
    Array.from(el.querySelectorAll('[data-testid^="menu-"]')).map((a) => a.getAttribute('data-testid'));

  const expectedMenu: Record<UserRole, string[]> = {
    doctor: ['menu-doctor'],
    nurse: ['menu-nurse'],
    records_officer: ['menu-records'],
    director: ['menu-records'],
    inspector: ['menu-inspector'],
    admin: ['menu-admin'],
  };

  it.each(USER_ROLES)('shows a %s exactly their own workspace in the menu', async (role) => {
    expect(menuKeys(await render(user([role])))).toEqual(expectedMenu[role]);
  });

  it('shows a user with several roles every workspace they hold, in menu order', async () => {
    expect(menuKeys(await render(user(['admin', 'doctor'])))).toEqual(['menu-doctor', 'menu-admin']);
  });

  it('labels menu items in Vietnamese and links them to the workspace paths', async () => {
    const el = await render(user(['records_officer']));
    const link = el.querySelector<HTMLAnchorElement>('[data-testid="menu-records"]');
    expect(link?.textContent?.trim()).toBe('Lưu trữ hồ sơ');
    expect(link?.getAttribute('href')).toBe(`/${WORKSPACES.find((w) => w.key === 'records')?.path}`);
  });

  it('shows the full name and departments, marking the one the user heads', async () => {
    const el = await render(
      user(['doctor'], [{ id: 'd-1', code: 'NOI', name: 'Khoa Nội', isHead: true }]),
    );
    expect(el.querySelector('[data-testid="user-name"]')?.textContent).toBe('Trần Thị Bình');
    expect(el.querySelector('[data-testid="user-departments"]')?.textContent).toContain('Khoa Nội');
    expect(el.querySelector('[data-testid="head-of-department"]')?.textContent).toBe('Trưởng khoa');
  });

  it('logs out through the API and returns to /login', async () => {
    const el = await render(user(['nurse']));
    const router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    const logout = el.querySelector<HTMLButtonElement>('[data-testid="logout"]');
    expect(logout?.textContent?.trim()).toBe('Đăng xuất');

    logout?.click();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/auth/logout');
    expect(req.request.body).toEqual({ refreshToken: 'refresh-1' });
    req.flush(null, { status: 204, statusText: 'No Content' });

    expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
    expect(sessionStorage.getItem('bh.session')).toBeNull();
  });
});
