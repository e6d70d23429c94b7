import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { ADMIN_ROUTES } from './admin.routes';

describe('ADMIN_ROUTES', () => {
  it('shows the admin workspace placeholder with its title and a coming-soon line', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'admin', children: ADMIN_ROUTES }]), provideI18nTesting()],
    });
    const harness = await RouterTestingHarness.create('/admin');
    const page = harness.routeNativeElement as HTMLElement;

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.admin.title');
    expect(page.textContent).toContain('workspacePage.admin.description');
    expect(page.querySelector('[data-testid="coming-soon"]')?.textContent).toBe('workspace.comingSoon');
  });

  it('titles the page with the workspace name key', () => {
    expect(ADMIN_ROUTES[0].title).toBe('workspace.admin');
  });
});
