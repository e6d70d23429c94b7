import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, type ElementRef, inject, input, model, signal, untracked, viewChild } from '@angular/core';
import { DomSanitizer, type SafeResourceUrl } from '@angular/platform-browser';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import type { Observable } from 'rxjs';
import { saveBlob } from '../signatures/signature-model';

/** What the dialog shows: the PDF being fetched, the PDF, or why it could not be fetched. */
type PreviewState =
  | { kind: 'loading' }
  | { kind: 'ready'; blob: Blob; src: SafeResourceUrl }
  | { kind: 'failed'; key: string; params: Record<string, string> };

/**
 * A PDF before printing: a dialog that fetches the file with the caller's own authenticated call (`[load]`, e.g.
 * `() => archiveApi.versionPdf(id)`) each time it opens, shows it in an `<iframe>` from an object URL, and offers
 * Download and Print. The object URL is revoked when the dialog closes or goes away. Bind `[(visible)]`.
 */
@Component({
  selector: 'bh-print-preview',
  imports: [TranslatePipe, Dialog, Message, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './print-preview.html',
  styleUrl: './print-preview.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PrintPreview {
  private readonly sanitizer = inject(DomSanitizer);

  readonly visible = model(false);
  /** The dialog's title, e.g. the document's name and version; "Xem bản in" when empty. */
  readonly title = input('');
  /** Name of the downloaded file. */
  readonly fileName = input('document.pdf');
  /** Fetches the PDF with the caller's HttpClient (so with the user's token); called each time the dialog opens. */
  readonly load = input.required<() => Observable<Blob>>();

  protected readonly state = signal<PreviewState>({ kind: 'loading' });
  protected readonly ready = computed(() => {
    const state = this.state();
    return state.kind === 'ready' ? state : null;
  });
  protected readonly failure = computed(() => {
    const state = this.state();
    return state.kind === 'failed' ? state : null;
  });
  private readonly frame = viewChild<ElementRef<HTMLIFrameElement>>('frame');

  constructor() {
    effect((onCleanup) => {
      if (!this.visible()) return;
      const load = this.load();
      let objectUrl: string | null = null;
      const subscription = untracked(() => {
        this.state.set({ kind: 'loading' });
        return load().subscribe({
          next: (file) => {
            const blob = file.type === 'application/pdf' ? file : new Blob([file], { type: 'application/pdf' });
            objectUrl = URL.createObjectURL(blob);
            this.state.set({ kind: 'ready', blob, src: this.sanitizer.bypassSecurityTrustResourceUrl(objectUrl) });
          },
          error: (error: unknown) => this.state.set(failureOf(error)),
        });
      });
      // On close (visible turns false), on a new source, and when the component is destroyed.
      onCleanup(() => {
        subscription.unsubscribe();
        if (objectUrl) URL.revokeObjectURL(objectUrl);
        objectUrl = null;
      });
    });
  }

  protected download(): void {
    const ready = this.ready();
    if (ready) saveBlob(ready.blob, this.fileName());
  }

  /** Prints the PDF from the browser's viewer in the frame (same origin: the object URL is ours). */
  protected print(): void {
    const view = this.frame()?.nativeElement.contentWindow;
    if (!view) return;
    view.focus();
    view.print();
  }

  protected close(): void {
    this.visible.set(false);
  }
}

function failureOf(error: unknown): PreviewState {
  const status = error instanceof HttpErrorResponse ? error.status : 0;
  if (status === 0) return { kind: 'failed', key: _('printPreview.networkError'), params: {} };
  if (status === 403) return { kind: 'failed', key: _('printPreview.forbidden'), params: {} };
  if (status === 404) return { kind: 'failed', key: _('printPreview.notFound'), params: {} };
  const body: unknown = error instanceof HttpErrorResponse ? error.error : null;
  const detail = typeof body === 'object' && body !== null && 'detail' in body && typeof body.detail === 'string' ? body.detail : '';
  return detail && status < 500
    ? { kind: 'failed', key: _('printPreview.rejected'), params: { detail } }
    : { kind: 'failed', key: _('printPreview.failed'), params: {} };
}

/** The file name of a document version's PDF, like the signature files': `01/BV1` version 2 → `01-BV1-v2.pdf`. */
export function versionPdfFileName(formCode: string, versionNumber: number): string {
  return `${formCode.replace(/[^A-Za-z0-9]+/g, '-')}-v${versionNumber}.pdf`;
}
