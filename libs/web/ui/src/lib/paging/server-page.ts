import { computed, linkedSignal, type Signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { Page, PageRequest } from '@benhan/shared/contracts';
import { type Observable, of, switchMap, tap } from 'rxjs';

/** A list read from the server a page at a time: what a paged table or list binds to. */
export interface ServerPage<T> {
  readonly pageSize: number;
  readonly items: Signal<T[]>;
  readonly total: Signal<number>;
  /** Where the page shown starts (the paginator's `first`). */
  readonly offset: Signal<number>;
  /** More than one page: show the paginator. */
  readonly paged: Signal<boolean>;
  readonly loading: Signal<boolean>;
  readonly error: Signal<unknown>;
  turn(first: number): void;
  reload(): void;
}

export interface ServerPageOptions<T, P> {
  pageSize: number;
  /** What the list depends on (filters, the record it belongs to); undefined reads nothing. A change goes back to the first page. */
  params?: () => P | undefined;
  load: (params: P, page: Required<PageRequest>) => Observable<Page<T>>;
}

/**
 * Reads a list a page at a time (call it where `inject` works: a field initialiser). The page shown stays while the
 * next one loads, so the paginator does not vanish under a click; a page left empty because rows went meanwhile
 * (results acknowledged, records archived) gives way to the last page that has some.
 */
export function serverPage<T, P = true>(options: ServerPageOptions<T, P>): ServerPage<T> {
  const { pageSize, load } = options;
  const params = options.params ?? (() => true as P);
  const requested = linkedSignal({ source: params, computation: () => 0 });
  // The page last read for these params: it stays shown while the next one loads (set as it arrives, not derived
  // from the resource, whose value is gone while it loads).
  const shown = linkedSignal<P | undefined, Page<T> | null>({ source: params, computation: () => null });
  const resource = rxResource({
    params: () => {
      const value = params();
      return value === undefined ? undefined : { value, offset: requested() };
    },
    stream: ({ params: { value, offset } }) =>
      load(value, { limit: pageSize, offset }).pipe(
        switchMap((page) => (page.items.length === 0 && page.total > 0 && offset > 0 ? load(value, { limit: pageSize, offset: lastPageStart(page.total, pageSize) }) : of(page))),
        tap((page) => shown.set(page)),
      ),
  });
  const page = computed(() => (resource.error() ? null : shown()));
  const total = computed(() => page()?.total ?? 0);
  return {
    pageSize,
    items: computed(() => page()?.items ?? []),
    total,
    offset: computed(() => page()?.offset ?? requested()),
    paged: computed(() => total() > pageSize),
    loading: resource.isLoading,
    error: resource.error,
    turn: (first) => requested.set(first),
    reload: () => resource.reload(),
  };
}

function lastPageStart(total: number, pageSize: number): number {
  return Math.floor((total - 1) / pageSize) * pageSize;
}
