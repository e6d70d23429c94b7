import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { NURSE_ROUTES } from './nurse.routes';

describe('NURSE_ROUTES', () => {
  it('shows the nurse workspace placeholder with its title and a coming-soon line', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'nurse', children: NURSE_ROUTES }]), provideI18nTesting()],
    });
    const harness = await RouterTestingHarness.create('/nurse');
    const page = harness.routeNativeElement as HTMLElement;

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.nurse.title');
    expect(page.textContent).toContain('workspacePage.nurse.description');
    expect(page.querySelector('[data-testid="coming-soon"]')?.textContent).toBe('workspace.comingSoon');
  });

  it('titles the page with the workspace name key', () => {
    expect(NURSE_ROUTES[0].title).toBe('workspace.nurse');
  });
});
