import { expect, test, type Response } from '@playwright/test';
import { MAIN_PAGES, settle } from './main-pages';

/**
 * No screen loads a whole table: while each workspace's main page opens, every list the API sends is a page
 * (`{items, total, limit, offset}` with a small limit), or a whole array from an endpoint listed here as bounded
 * by something other than the hospital's work. A new endpoint answering a whole array fails here until it is
 * paged or shown to be bounded.
 */
const MAX_PAGE = 100;
const BOUNDED_ARRAYS: [RegExp, string][] = [
  [/^\/api\/(provinces(\/[^/]+\/communes)?|ethnicities)$/, 'official code lists'],
  [/^\/api\/order-catalogue\//, 'the lab and imaging catalogue'],
  [/^\/api\/(forms|departments|wards|care-chart\/vital-sign-definitions)$/, 'the hospital’s configuration'],
  [/^\/api\/encounters\/census$/, 'one department’s beds'],
  [/^\/api\/encounters$/, 'one patient’s stays (patientId is required)'],
  [/^\/api\/encounters\/[^/]+\/(documents|orders|medication-orders|medication-administrations|vital-signs|care-notes)$/, 'one stay'],
  [/^\/api\/documents\/[^/]+\/versions$/, 'one document'],
  [/^\/api\/archives\/[^/]+\/loans$/, 'one archive'],
  [/^\/api\/(fixity\/runs|audit\/integrity\/runs|audit\/checkpoints)$/, 'the latest runs (limit)'],
];

interface ListSeen {
  path: string;
  kind: 'page' | 'array';
  size: number;
}

async function listOf(response: Response): Promise<ListSeen | null> {
  const url = new URL(response.url());
  if (!url.pathname.startsWith('/api/') || response.request().method() !== 'GET' || !response.ok()) return null;
  if (!(response.headers()['content-type'] ?? '').includes('json')) return null;
  const body: unknown = await response.json().catch(() => null);
  if (Array.isArray(body)) return { path: url.pathname, kind: 'array', size: body.length };
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) && 'total' in body && 'limit' in body) {
    return { path: url.pathname, kind: 'page', size: (body as { limit: number }).limit };
  }
  return null;
}

for (const mainPage of MAIN_PAGES.filter((p) => p.account)) {
  test(`${mainPage.name} reads its lists a page at a time`, async ({ page }, testInfo) => {
    const seen: Promise<ListSeen | null>[] = [];
    page.on('response', (response) => seen.push(listOf(response)));
    await mainPage.open(page);
    await settle(page);
    const lists = (await Promise.all(seen)).filter((l): l is ListSeen => l !== null);
    await testInfo.attach('lists.json', { body: JSON.stringify(lists, null, 2), contentType: 'application/json' });

    const unbounded = lists.filter((l) => (l.kind === 'page' ? l.size > MAX_PAGE : !BOUNDED_ARRAYS.some(([pattern]) => pattern.test(l.path))));
    expect(unbounded).toEqual([]);
    expect(lists.length).toBeGreaterThan(0);
  });
}
