import { Injector, runInInjectionContext, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { Page, PageRequest } from '@benhan/shared/contracts';
import { Subject, type Observable } from 'rxjs';
import { serverPage, type ServerPage } from './server-page';

/** A fake server whose answers the test gives one at a time. */
class Server {
  readonly asked: { params: string; page: Required<PageRequest> }[] = [];
  private readonly pending: Subject<Page<string>>[] = [];
  load = (params: string, page: Required<PageRequest>): Observable<Page<string>> => {
    this.asked.push({ params, page });
    const answer = new Subject<Page<string>>();
    this.pending.push(answer);
    return answer;
  };
  answer(items: string[], total: number, offset: number): void {
    const next = this.pending.shift();
    if (!next) throw new Error('nothing was asked');
    next.next({ items, total, limit: 2, offset });
    next.complete();
  }
}

describe(serverPage.name, () => {
  let server: Server;
  let filter: ReturnType<typeof signal<string | undefined>>;
  let list: ServerPage<string>;
  /** The resource takes the answer on a later turn of the event loop. */
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  };

  beforeEach(async () => {
    server = new Server();
    filter = signal<string | undefined>('pending');
    list = runInInjectionContext(TestBed.inject(Injector), () => serverPage({ pageSize: 2, params: () => filter(), load: server.load }));
    await settle();
  });

  it('reads the first page with the page size, and says whether there are more', async () => {
    expect(server.asked).toEqual([{ params: 'pending', page: { limit: 2, offset: 0 } }]);
    server.answer(['a', 'b'], 5, 0);
    await settle();
    expect([list.items(), list.total(), list.offset(), list.paged()]).toEqual([['a', 'b'], 5, 0, true]);
  });

  it('keeps the page shown while the next one loads, then shows it', async () => {
    server.answer(['a', 'b'], 5, 0);
    await settle();
    list.turn(2);
    await settle();
    expect([list.items(), list.loading(), server.asked[1].page]).toEqual([['a', 'b'], true, { limit: 2, offset: 2 }]);
    server.answer(['c', 'd'], 5, 2);
    await settle();
    expect([list.items(), list.offset(), list.loading()]).toEqual([['c', 'd'], 2, false]);
  });

  it('goes back to the first page when what the list depends on changes, and reads nothing when it is undefined', async () => {
    server.answer(['a', 'b'], 5, 0);
    await settle();
    list.turn(4);
    await settle();
    server.answer(['e'], 5, 4);
    await settle();
    filter.set('archived');
    await settle();
    expect(server.asked[2]).toEqual({ params: 'archived', page: { limit: 2, offset: 0 } });
    server.answer([], 0, 0);
    await settle();
    expect([list.items(), list.total(), list.paged()]).toEqual([[], 0, false]);
    filter.set(undefined);
    await settle();
    expect(server.asked).toHaveLength(3);
  });

  it('falls back to the last page that has rows when rows left meanwhile emptied the page asked for', async () => {
    server.answer(['a', 'b'], 5, 0);
    await settle();
    list.turn(4);
    await settle();
    server.answer([], 3, 4);
    expect(server.asked[2].page).toEqual({ limit: 2, offset: 2 });
    server.answer(['c'], 3, 2);
    await settle();
    expect([list.items(), list.offset(), list.total()]).toEqual([['c'], 2, 3]);
  });

  it('passes on a failure', async () => {
    (server as unknown as { pending: Subject<Page<string>>[] }).pending[0].error(new Error('offline'));
    await settle();
    expect((list.error() as Error).message).toBe('offline');
    expect(list.items()).toEqual([]);
  });
});
