import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { DOCTOR_ROUTES } from './doctor.routes';

describe('DOCTOR_ROUTES', () => {
  it('shows the doctor workspace placeholder with its title and a coming-soon line', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'doctor', children: DOCTOR_ROUTES }]), provideI18nTesting()],
    });
    const harness = await RouterTestingHarness.create('/doctor');
    const page = harness.routeNativeElement as HTMLElement;

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.doctor.title');
    expect(page.textContent).toContain('workspacePage.doctor.description');
    expect(page.querySelector('[data-testid="coming-soon"]')?.textContent).toBe('workspace.comingSoon');
  });

  it('titles the page with the workspace name key', () => {
    expect(DOCTOR_ROUTES[0].title).toBe('workspace.doctor');
  });
});
