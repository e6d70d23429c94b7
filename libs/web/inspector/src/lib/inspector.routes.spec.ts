import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { INSPECTOR_ROUTES } from './inspector.routes';

describe('INSPECTOR_ROUTES', () => {
  it('shows the inspector workspace placeholder with its title and a coming-soon line', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'inspector', children: INSPECTOR_ROUTES }]), provideI18nTesting()],
    });
    const harness = await RouterTestingHarness.create('/inspector');
    const page = harness.routeNativeElement as HTMLElement;

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.inspector.title');
    expect(page.textContent).toContain('workspacePage.inspector.description');
    expect(page.querySelector('[data-testid="coming-soon"]')?.textContent).toBe('workspace.comingSoon');
  });

  it('titles the page with the workspace name key', () => {
    expect(INSPECTOR_ROUTES[0].title).toBe('workspace.inspector');
  });
});
