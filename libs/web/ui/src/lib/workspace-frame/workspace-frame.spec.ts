import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { urlPath, WorkspaceFrame, workspaceFrameData, type WorkspaceTab } from './workspace-frame';

const TABS: WorkspaceTab[] = [
  {
    link: '/ws',
    icon: 'pi pi-users',
    labelKey: 'ws.nav.list',
    testId: 'nav-list',
    activeWhen: (path) => path === '/ws' || path.startsWith('/ws/items'),
  },
  { link: '/ws/board', icon: 'pi pi-th-large', labelKey: 'ws.nav.board', testId: 'nav-board', activeWhen: (path) => path.startsWith('/ws/board') },
];

describe(WorkspaceFrame.name, () => {
  async function open(url: string): Promise<{ harness: RouterTestingHarness; page: HTMLElement }> {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          {
            path: 'ws',
            component: WorkspaceFrame,
            data: workspaceFrameData({ titleKey: 'ws.title', navLabelKey: 'ws.nav.label', tabs: TABS }),
            children: [
              { path: '', children: [] },
              { path: 'items/:id', children: [] },
              { path: 'board', children: [] },
              { path: 'other', children: [] },
            ],
          },
        ]),
        provideI18nTesting(),
      ],
    });
    const harness = await RouterTestingHarness.create(url);
    return { harness, page: harness.routeNativeElement as HTMLElement };
  }

  function current(page: HTMLElement): string[] {
    return Array.from(page.querySelectorAll('[aria-current="page"]')).map((a) => a.getAttribute('data-testid') ?? '');
  }

  it('shows the title and one link per tab, with its test id, icon and label', async () => {
    const { page } = await open('/ws');

    expect(page.querySelector('h1[data-testid="workspace-title"]')?.textContent).toBe('ws.title');
    expect(page.querySelector('nav')?.getAttribute('aria-label')).toBe('ws.nav.label');
    const links = Array.from(page.querySelectorAll('nav a'));
    expect(links.map((a) => [a.getAttribute('data-testid'), a.getAttribute('href'), a.textContent?.trim()])).toEqual([
      ['nav-list', '/ws', 'ws.nav.list'],
      ['nav-board', '/ws/board', 'ws.nav.board'],
    ]);
    expect(links[1].querySelector('i')?.className).toBe('pi pi-th-large');
    expect(links[1].querySelector('i')?.getAttribute('aria-hidden')).toBe('true');
    expect(page.querySelector('router-outlet')).not.toBeNull();
  });

  it('marks the tab whose activeWhen matches the URL as the current page, and only it', async () => {
    const { page } = await open('/ws');

    expect(current(page)).toEqual(['nav-list']);
    expect(page.querySelector('[data-testid="nav-list"]')?.classList).toContain('bh-workspace__tab--active');
    expect(page.querySelector('[data-testid="nav-board"]')?.classList).not.toContain('bh-workspace__tab--active');
  });

  it('moves the current tab as the user navigates, including to pages that belong to a tab', async () => {
    const { harness, page } = await open('/ws');

    await harness.navigateByUrl('/ws/board');
    expect(current(page)).toEqual(['nav-board']);
    expect(page.querySelector('[data-testid="nav-board"]')?.classList).toContain('bh-workspace__tab--active');

    await harness.navigateByUrl('/ws/items/42');
    expect(current(page)).toEqual(['nav-list']);

    await harness.navigateByUrl('/ws/other');
    expect(current(page)).toEqual([]);
  });

  it('ignores the query and the fragment when choosing the current tab', async () => {
    const { harness, page } = await open('/ws?q=an#top');
    expect(current(page)).toEqual(['nav-list']);

    await harness.navigateByUrl('/ws/board?view=beds#beds');
    expect(current(page)).toEqual(['nav-board']);
  });

  it('refuses a route without its configuration', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: 'ws', component: WorkspaceFrame }]), provideI18nTesting()] });
    const harness = await RouterTestingHarness.create();

    await expect(harness.navigateByUrl('/ws')).rejects.toThrow(/workspaceFrameData/);
  });
});

describe(urlPath.name, () => {
  it.each([
    ['/doctor', '/doctor'],
    ['/doctor/', '/doctor'],
    ['/doctor/census?department=d-noi', '/doctor/census'],
    ['/doctor/patients/p-1#documents', '/doctor/patients/p-1'],
    ['/', ''],
  ])('reads %s as %s', (url, path) => {
    expect(urlPath(url)).toBe(path);
  });
});
