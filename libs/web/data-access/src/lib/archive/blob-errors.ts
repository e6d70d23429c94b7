import { HttpErrorResponse } from '@angular/common/http';
import { catchError, from, type Observable, switchMap, throwError } from 'rxjs';

/**
 * A failed `responseType: 'blob'` call carries its RFC 9457 body as a Blob, which `problemOf` cannot read. This
 * operator reads a JSON error body back into the error, so pages show the server's problem for downloads too.
 */
export function withJsonErrorBody<T>(): (source: Observable<T>) => Observable<T> {
  return (source) =>
    source.pipe(
      catchError((error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || !(error.error instanceof Blob)) return throwError(() => error);
        return from(readJson(error.error)).pipe(
          switchMap((body) =>
            throwError(
              () =>
                new HttpErrorResponse({
                  error: body ?? error.error,
                  headers: error.headers,
                  status: error.status,
                  statusText: error.statusText,
                  url: error.url ?? undefined,
                }),
            ),
          ),
        );
      }),
    );
}

/** The blob's JSON, or null when it is not JSON. FileReader rather than `blob.text()`, which jsdom lacks. */
function readJson(blob: Blob): Promise<unknown> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => {
      try {
        resolve(JSON.parse(String(reader.result)) as unknown);
      } catch {
        resolve(null);
      }
    };
    reader.onerror = () => resolve(null);
    reader.readAsText(blob);
  });
}
