import { type HttpRequest, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { CurrentUser } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { aDirector, aDisposal, aQueueItem, aRecordsOfficer } from '../testing/fixtures';
import { storeSession } from '../testing/session';
import { RECORDS_ROUTES } from './records.routes';

jest.setTimeout(30_000);

describe('RECORDS_ROUTES', () => {
  /**
   * Navigates without waiting for stability (the pages' pending requests would hold it), answering the requests
   * as they are made for a while, then waits for the navigation.
   */
  async function open(user: CurrentUser, url: string, answers: [(r: HttpRequest<unknown>) => boolean, unknown][]): Promise<HTMLElement> {
    storeSession(user);
    TestBed.configureTestingModule({
      providers: [provideRouter([{ path: 'records', children: RECORDS_ROUTES }]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting()],
    });
    const backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    const navigation = harness.navigateByUrl(url);
    for (let round = 0; round < 20; round++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const [matches, body] of answers) backend.match(matches).forEach((r) => r.flush(body as object));
    }
    await navigation;
    await harness.fixture.whenStable();
    return harness.routeNativeElement as HTMLElement;
  }

  const tabs = (page: HTMLElement) => Array.from(page.querySelectorAll('nav a')).map((a) => a.getAttribute('data-testid'));

  afterEach(() => sessionStorage.clear());

  it('lands the records office on the discharge queue, under the workspace title and its five tabs', async () => {
    const page = await open(aRecordsOfficer(), '/records', [[(r) => r.url === '/api/records/queue', { items: [aQueueItem()], total: 1, limit: 25, offset: 0 }]]);

    expect(page.querySelector('[data-testid="workspace-title"]')?.textContent).toBe('workspacePage.records.title');
    expect(tabs(page)).toEqual(['nav-queue', 'nav-archives', 'nav-access-requests', 'nav-disposals', 'nav-fixity']);
    expect(page.querySelector('[data-testid="nav-queue"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('bh-discharge-queue')).not.toBeNull();
    expect(page.querySelectorAll('[data-testid="queue-row"]')).toHaveLength(1);
  });

  it('lands a director on the disposals to decide, with no discharge queue (archiving is not theirs)', async () => {
    const page = await open(aDirector(), '/records', [[(r) => r.url === '/api/disposals', { items: [aDisposal()], total: 1, limit: 20, offset: 0 }]]);

    expect(tabs(page)).toEqual(['nav-disposals', 'nav-archives', 'nav-fixity']);
    expect(page.querySelector('[data-testid="nav-disposals"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('bh-disposals')).not.toBeNull();
    expect(page.querySelector('[data-testid="proposal-approve"]')).not.toBeNull();
    expect(page.querySelector('[data-testid="candidates-section"]')).toBeNull();
  });

  it('opens the archive search from its tab, without the export for a director', async () => {
    const page = await open(aDirector(), '/records/archives', [[(r) => r.url === '/api/archives', { items: [], total: 0, limit: 20, offset: 0 }]]);
    expect(page.querySelector('bh-archive-search')).not.toBeNull();
    expect(page.querySelector('[data-testid="nav-archives"]')?.getAttribute('aria-current')).toBe('page');
    expect(page.querySelector('[data-testid="export-open"]')).toBeNull();
  });

  it('titles every page with a translation key', () => {
    const [director, office] = RECORDS_ROUTES;
    expect((office.children ?? []).map((r) => [r.path, r.title])).toEqual([
      ['', 'records.queue.title'],
      ['disposals', 'records.disposals.title'],
      ['access-requests', 'records.accessRequests.title'],
      ['archives', 'records.search.title'],
      ['archives/:id', 'records.detail.title'],
      ['fixity', 'records.fixity.title'],
    ]);
    expect((director.children ?? []).map((r) => r.path)).toEqual(['', 'archives', 'archives/:id', 'fixity']);
  });
});
