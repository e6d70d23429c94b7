import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { DocumentSummary, DocumentVersion, FieldError, SignerStep } from '@benhan/shared/contracts';
import { ArchiveApi, AuthService, DocumentsApi, problemOf, SigningFlow, statusOf } from '@benhan/web/data-access';
import { LanguageService, PinDialog, PrintPreview, SchemaForm, versionPdfFileName } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { failureMessage, type Translatable } from '../../../failure-message';
import { EncounterContext } from '../encounter-context';

/** The nursing care sheet form (phiếu chăm sóc): care level I/II/III and dated entries. */
export const CARE_SHEET_FORM_CODE = 'CS/BV2';

/** What the editor shows: a new sheet (no version yet) or a version of an existing one. */
type Editing = { kind: 'new' } | { kind: 'version'; version: DocumentVersion };

/**
 * Care notes: the encounter's nursing care sheets (documents on form CS/BV2), and the editor generated from the
 * form's JSON Schema to write a new sheet or save the author's draft again, and signing it with the signing PIN
 * (the author's step; a later step is offered and the server says whose it is). Signed versions are read only.
 */
@Component({
  selector: 'bh-care-notes-tab',
  imports: [DatePipe, TranslatePipe, TableModule, Message, ButtonDirective, ButtonIcon, ButtonLabel, SchemaForm, PinDialog, PrintPreview],
  providers: [SigningFlow],
  templateUrl: './care-notes-tab.html',
  styleUrl: './care-notes-tab.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CareNotesTab {
  private readonly documents = inject(DocumentsApi);
  private readonly context = inject(EncounterContext);
  private readonly auth = inject(AuthService);
  private readonly archive = inject(ArchiveApi);
  protected readonly signing = inject(SigningFlow);
  protected readonly language = inject(LanguageService).language;

  private readonly formResource = rxResource({ stream: () => this.documents.form(CARE_SHEET_FORM_CODE) });
  protected readonly form = computed(() => (this.formResource.hasValue() ? this.formResource.value() : null));

  private readonly listResource = rxResource({
    params: () => this.context.encounterId() ?? undefined,
    stream: ({ params }) => this.documents.forEncounter(params),
  });
  protected readonly sheets = computed<DocumentSummary[]>(() =>
    this.listResource.hasValue()
      ? this.listResource
          .value()
          .filter((d) => d.formCode === CARE_SHEET_FORM_CODE)
          .sort((a, b) => Date.parse(b.latest.effectiveAt) - Date.parse(a.latest.effectiveAt))
      : [],
  );
  protected readonly loading = computed(() => this.listResource.isLoading() || this.formResource.isLoading());
  protected readonly loadError = computed(() => {
    const error = this.listResource.error() ?? this.formResource.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly editing = signal<Editing | null>(null);
  protected readonly editorValue = computed(() => {
    const editing = this.editing();
    return editing?.kind === 'version' ? editing.version.content : { careLevel: null, entries: [{}] };
  });
  protected readonly readonly = computed(() => {
    const editing = this.editing();
    return editing?.kind === 'version' && editing.version.status === 'signed';
  });
  /** The next signer step of the opened sheet's version when the nurse may give it (their own step, or a later one). */
  protected readonly awaitedStep = computed<SignerStep | null>(() => {
    const editing = this.editing();
    if (editing?.kind !== 'version') return null;
    const version = editing.version;
    const next = [...version.awaiting].sort((a, b) => a.step - b.step)[0];
    if (!next || (next.role === 'author' && version.authorId !== this.auth.currentUser()?.id)) return null;
    return next;
  });
  /** Edits not saved yet: the signature would cover the saved content, so save first. */
  protected readonly dirty = signal(false);
  protected readonly saving = signal(false);
  protected readonly error = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  /** The opened version as the A4 PDF the API prints; fetched again only for another version. */
  protected readonly printing = signal(false);
  private readonly printedVersion = computed(
    () => {
      const editing = this.editing();
      return editing?.kind === 'version' ? { id: editing.version.id, number: editing.version.number } : null;
    },
    { equal: (a, b) => a?.id === b?.id },
  );
  protected readonly print = computed(() => {
    const version = this.printedVersion();
    if (!version) return null;
    return {
      load: () => this.archive.versionPdf(version.id),
      number: version.number,
      fileName: versionPdfFileName(CARE_SHEET_FORM_CODE, version.number),
    };
  });

  private readonly editor = viewChild(SchemaForm);

  protected create(): void {
    this.dirty.set(false);
    this.notice.set(null);
    this.error.set(null);
    this.editing.set({ kind: 'new' });
  }

  protected open(sheet: DocumentSummary): void {
    this.notice.set(null);
    this.error.set(null);
    this.dirty.set(false);
    this.documents.version(sheet.id, sheet.latest.number).subscribe({
      next: (version) => this.editing.set({ kind: 'version', version }),
      error: (error: unknown) => this.error.set(failureMessage(error)),
    });
  }

  protected close(): void {
    this.editing.set(null);
  }

  protected save(): void {
    const editor = this.editor();
    const editing = this.editing();
    const encounterId = this.context.encounterId();
    if (!editor || !editing || !encounterId || this.saving()) return;
    editor.markAllAsTouched();
    if (editor.hasBlockingErrors()) {
      editor.focusFirstError();
      return;
    }
    editor.clearServerErrors();
    this.error.set(null);
    const content = editor.content();
    this.saving.set(true);
    const request =
      editing.kind === 'new'
        ? this.documents.create(encounterId, { formCode: CARE_SHEET_FORM_CODE, content })
        : this.documents.saveDraft(editing.version.documentId, editing.version.number, { revision: editing.version.revision, content });
    request.subscribe({
      next: (version) => {
        this.saving.set(false);
        this.dirty.set(false);
        this.editing.set({ kind: 'version', version });
        this.notice.set({ key: _('nurse.careNotes.saved') });
        this.listResource.reload();
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const errors = problemOf(error)?.errors ?? [];
        if (statusOf(error) === 400 && errors.length) {
          editor.showServerErrors(errors);
          editor.focusFirstError();
          this.error.set({ key: _('nurse.careNotes.invalid') });
        } else if (statusOf(error) === 409) {
          this.error.set({ key: _('nurse.careNotes.conflict') });
        } else {
          this.error.set(failureMessage(error));
        }
      },
    });
  }

  protected startSigning(): void {
    const editing = this.editing();
    if (editing?.kind !== 'version' || !this.awaitedStep()) return;
    this.notice.set(null);
    this.error.set(null);
    if (this.dirty()) {
      this.error.set({ key: _('nurse.careNotes.saveBeforeSigning') });
      return;
    }
    const { documentId, number } = editing.version;
    this.signing.start(editing.version.id, {
      signed: () => {
        this.notice.set({ key: _('nurse.careNotes.signedNotice') });
        this.listResource.reload();
        this.documents.version(documentId, number).subscribe({
          next: (version) => this.editing.set({ kind: 'version', version }),
          error: (error: unknown) => this.error.set(failureMessage(error)),
        });
      },
      incomplete: (errors: FieldError[]) => {
        this.editor()?.showServerErrors(errors);
        this.editor()?.focusFirstError();
        this.error.set({ key: _('nurse.careNotes.signIncomplete'), params: { count: String(errors.length) } });
      },
    });
  }

  /** The care level the sheet's latest version is on, for the list (from the content only when it is loaded). */
  protected statusKey(sheet: DocumentSummary): string {
    return sheet.latest.status === 'signed' ? _('nurse.careNotes.signed') : _('nurse.careNotes.draft');
  }

  protected reload(): void {
    this.listResource.reload();
    this.formResource.reload();
  }
}
