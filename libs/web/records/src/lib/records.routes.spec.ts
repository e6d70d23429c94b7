import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '@benhan/web/ui';
import { RECORDS_ROUTES } from './records.routes';

describe('RECORDS_ROUTES', () => {
  it('shows the records workspace placeholder with its title and a coming-soon line', async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'records', children: RECORDS_ROUTES }]), provideI18nTesting()],
    });
    const harness = await RouterTestingHarness.create('/records');
    const page = harness.routeNativeElement as HTMLElement;

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.records.title');
    expect(page.textContent).toContain('workspacePage.records.description');
    expect(page.querySelector('[data-testid="coming-soon"]')?.textContent).toBe('workspace.comingSoon');
  });

  it('titles the page with the workspace name key', () => {
    expect(RECORDS_ROUTES[0].title).toBe('workspace.records');
  });
});
