import { DatePipe, Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type {
  DocumentSummary,
  DocumentVersion,
  DocumentVersionSummary,
  EncounterDetail,
  FieldError,
  FormDefinition,
  SignatureIndication,
  SignatureReport,
  SignatureSummary,
  SignerStep,
} from '@benhan/shared/contracts';
import { ArchiveApi, AuthService, DocumentsApi, EncountersApi, problemCodeOf, problemOf, SignaturesApi, SigningFlow } from '@benhan/web/data-access';
import {
  describeSchema,
  type GroupNode,
  LanguageService,
  PinDialog,
  PrintPreview,
  saveBlob,
  SchemaCodeField,
  SchemaForm,
  SignatureBadge,
  type SignatureBadgeView,
  signatureBadges,
  type SignatureDownload,
  SignatureReportPanel,
  versionPdfFileName,
} from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { Textarea } from 'primeng/textarea';
import { combineLatest, map, type Observable } from 'rxjs';
import { Icd10CodeField } from '../../components/icd10-code-field/icd10-code-field';
import { VersionDiff } from '../../components/version-diff/version-diff';
import { failureMessage, type Translatable } from '../../failure-message';
import { USER_ROLE_LABELS, VERSION_STATUS_LABELS } from '../../labels';

/** What the page is doing: starting a document, editing the author's draft, amending a signed one, or viewing. */
export type DocumentMode = 'create' | 'edit' | 'amend' | 'view';

/** Navigation state after a save that moved to another URL, so the new page can say it was saved. */
interface SavedState {
  savedVersion?: number;
}

/**
 * One clinical document (`/doctor/documents/:id`, `?version=N` for an older version) or a new one
 * (`/doctor/encounters/:id/documents/new?form=CODE`): the form generated from the schema version the document
 * was written against, saving the author's draft (stale revisions and the server's field errors shown),
 * amending a signed version with a reason, the version history and the differences between any two versions,
 * signing or countersigning the latest version with the signing PIN, and each signature's badge and validation report.
 */
@Component({
  selector: 'bh-document-page',
  imports: [
    RouterLink,
    DatePipe,
    FormsModule,
    TranslatePipe,
    SchemaForm,
    SchemaCodeField,
    Icd10CodeField,
    VersionDiff,
    TableModule,
    Tag,
    Message,
    Textarea,
    ButtonDirective,
    ButtonIcon,
    ButtonLabel,
    PinDialog,
    SignatureBadge,
    SignatureReportPanel,
    PrintPreview,
  ],
  providers: [SigningFlow],
  templateUrl: './document-page.html',
  styleUrl: './document-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DocumentPage {
  private readonly api = inject(DocumentsApi);
  private readonly encountersApi = inject(EncountersApi);
  private readonly auth = inject(AuthService);
  private readonly signaturesApi = inject(SignaturesApi);
  private readonly archiveApi = inject(ArchiveApi);
  protected readonly signing = inject(SigningFlow);
  private readonly router = inject(Router);
  protected readonly language = inject(LanguageService).language;

  protected readonly statusLabels = VERSION_STATUS_LABELS;

  private readonly schemaForm = viewChild(SchemaForm);

  private readonly route = inject(ActivatedRoute);
  private readonly params = toSignal(
    combineLatest([this.route.paramMap, this.route.queryParamMap]).pipe(
      map(([params, query]) => ({
        /** Set on `documents/:id`. */
        documentId: this.route.snapshot.routeConfig?.path?.startsWith('documents') ? params.get('id') : null,
        /** Set on `encounters/:id/documents/new`. */
        encounterId: this.route.snapshot.routeConfig?.path?.startsWith('encounters') ? params.get('id') : null,
        formCode: query.get('form'),
        version: Number(query.get('version')) || null,
      })),
    ),
    { initialValue: { documentId: null, encounterId: null, formCode: null, version: null } },
  );
  protected readonly creating = computed(() => this.params().documentId === null);

  // --- the document, its history and the version shown -------------------------------------------------------

  private readonly summaryResource = rxResource({
    params: () => this.params().documentId ?? undefined,
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly summary = linkedSignal<DocumentSummary | null>(() =>
    this.summaryResource.hasValue() ? this.summaryResource.value() : null,
  );

  private readonly historyResource = rxResource({
    params: () => this.params().documentId ?? undefined,
    stream: ({ params }) => this.api.versions(params),
  });
  protected readonly history = computed<DocumentVersionSummary[]>(() =>
    this.historyResource.hasValue() ? [...this.historyResource.value()].sort((a, b) => a.number - b.number) : [],
  );
  protected readonly versionNumbers = computed(() => this.history().map((v) => v.number));

  /** Every signature of the document, validated; loaded once anything is signed and again after each signature. */
  private readonly reportResource = rxResource({
    params: () => {
      const id = this.params().documentId;
      const signoffs = this.history().reduce((n, v) => n + v.signoffs.length, 0);
      return id && signoffs > 0 ? { id, signoffs } : undefined;
    },
    stream: ({ params }) => this.signaturesApi.documentReport(params.id),
  });
  /** Null while unknown (nothing signed, loading, or failed): sign-offs then get no badge rather than a wrong one. */
  private readonly reports = computed<SignatureReport[] | null>(() =>
    this.reportResource.hasValue() ? (this.reportResource.value()?.reports ?? null) : null,
  );
  protected readonly reportFailed = computed(() => this.reportResource.error() !== undefined);

  private readonly versionResource = rxResource({
    params: () => {
      const id = this.params().documentId;
      const number = this.params().version ?? this.summary()?.latest.number;
      return id && number ? { id, number } : undefined;
    },
    stream: ({ params }) => this.api.version(params.id, params.number),
  });
  /** The version shown; replaced by the server's answer after each save of the draft. */
  protected readonly version = linkedSignal<DocumentVersion | null>(() =>
    this.versionResource.hasValue() ? (this.versionResource.value() ?? null) : null,
  );
  /** What fills the form: the loaded version's content (not each save's answer, so the form is not rebuilt). */
  protected readonly initialContent = computed<Record<string, unknown> | null>(() =>
    this.versionResource.hasValue() ? (this.versionResource.value()?.content ?? null) : null,
  );

  // --- the form definition: the latest for a new document, else the version's own schema version ------------

  /** Which definition to show; compared by value so that saving the draft does not load the form again. */
  private readonly formKey = computed<{ code: string; version: number | null } | undefined>(
    () => {
      const { formCode } = this.params();
      if (this.creating()) return formCode ? { code: formCode, version: null } : undefined;
      const summary = this.summary();
      const version = this.version();
      return summary && version ? { code: summary.formCode, version: version.schemaVersion } : undefined;
    },
    { equal: (a, b) => a?.code === b?.code && a?.version === b?.version },
  );
  private readonly formResource = rxResource({
    params: () => this.formKey(),
    stream: ({ params }): Observable<FormDefinition> =>
      params.version === null ? this.api.form(params.code) : this.api.formVersion(params.code, params.version),
  });
  protected readonly form = computed<FormDefinition | null>(() => (this.formResource.hasValue() ? this.formResource.value() : null));
  protected readonly root = computed<GroupNode | null>(() => {
    const form = this.form();
    return form ? describeSchema(form.schema) : null;
  });

  // --- the encounter, for the header ---------------------------------------------------------------------------

  private readonly encounterResource = rxResource({
    params: () => this.params().encounterId ?? this.summary()?.encounterId ?? undefined,
    stream: ({ params }) => this.encountersApi.get(params),
  });
  protected readonly encounter = computed<EncounterDetail | null>(() =>
    this.encounterResource.hasValue() ? this.encounterResource.value() : null,
  );

  // --- signatures ------------------------------------------------------------------------------------------------

  protected readonly versionBadges = computed<SignatureBadgeView[]>(() => {
    const version = this.version();
    return version ? signatureBadges(version, this.reports()) : [];
  });
  /** The shown version's signatures, for the report panel, and their overall result (PASSED only if all are). */
  protected readonly versionReports = computed<SignatureReport[]>(() => {
    const id = this.version()?.id;
    return (this.reports() ?? []).filter((r) => r.versionId === id);
  });
  protected readonly versionIndication = computed<SignatureIndication | null>(() => overallIndication(this.versionReports()));
  protected readonly signers = computed<SignerStep[]>(() => this.form()?.signers ?? []);
  protected readonly showSignatures = signal(false);

  // --- print preview: the shown version as the A4 PDF the API prints ---------------------------------------------

  protected readonly printing = signal(false);
  private readonly printedVersionId = computed(() => this.version()?.id ?? null);
  /** A new fetch only for another version (not on each save's answer nor a language switch). */
  private readonly printLoad = computed(() => {
    const id = this.printedVersionId();
    return id ? () => this.archiveApi.versionPdf(id) : null;
  });
  protected readonly print = computed(() => {
    const version = this.version();
    const code = this.summary()?.formCode;
    const load = this.printLoad();
    if (!version || !code || !load) return null;
    return {
      load,
      heading: `${code} ${this.title(this.form()?.title ?? this.summary()?.formTitle)}`,
      number: version.number,
      fileName: versionPdfFileName(code, version.number),
    };
  });

  protected historyBadges(version: DocumentVersionSummary): SignatureBadgeView[] {
    return signatureBadges(version, this.reports());
  }

  protected readonly loadError = computed(() => {
    const error =
      this.summaryResource.error() ?? this.versionResource.error() ?? this.formResource.error() ?? this.encounterResource.error();
    return error ? failureMessage(error) : null;
  });

  // --- what may be done ---------------------------------------------------------------------------------------

  protected readonly amending = signal(false);
  protected readonly reason = signal('');
  private readonly me = computed(() => this.auth.currentUser());
  protected readonly isLatest = computed(() => {
    const version = this.version();
    const summary = this.summary();
    return !!version && !!summary && version.number === summary.latest.number;
  });
  protected readonly mode = computed<DocumentMode>(() => {
    if (this.creating()) return 'create';
    if (this.amending()) return 'amend';
    const version = this.version();
    if (version && this.isLatest() && version.status === 'draft' && version.authorId === this.me()?.id) return 'edit';
    return 'view';
  });
  protected readonly saveLabel = computed(() =>
    this.mode() === 'amend' ? _('doctor.document.saveAmendment') : _('doctor.document.saveDraft'),
  );
  /** A signed latest version may be amended by anyone who may author the form. */
  protected readonly canAmend = computed(() => {
    const version = this.version();
    const roles = this.me()?.roles ?? [];
    return (
      this.mode() === 'view' &&
      this.isLatest() &&
      version?.status === 'signed' &&
      (this.form()?.authorRoles ?? []).some((r) => roles.includes(r))
    );
  });
  /** Someone else's draft: readable, not editable. */
  protected readonly othersDraft = computed(() => {
    const version = this.version();
    return this.mode() === 'view' && version?.status === 'draft' && version.authorId !== this.me()?.id;
  });

  /**
   * The next signer step of the latest version, when the user may be the one to give it: the author's own step
   * for the author; any other step (head of department, a role) is offered and the server says whose it is.
   */
  protected readonly awaitedStep = computed<SignerStep | null>(() => {
    const version = this.version();
    const mode = this.mode();
    if (!version || !this.isLatest() || (mode !== 'edit' && mode !== 'view')) return null;
    const next = [...version.awaiting].sort((a, b) => a.step - b.step)[0];
    if (!next || (next.role === 'author' && version.authorId !== this.me()?.id)) return null;
    return next;
  });
  /** "Ký số" for one's own step, "Ký duyệt" to countersign. */
  protected readonly signLabel = computed(() => (this.awaitedStep()?.role === 'author' ? _('doctor.sign.sign') : _('doctor.sign.countersign')));

  // --- saving ---------------------------------------------------------------------------------------------------

  protected readonly saving = signal(false);
  protected readonly dirty = signal(false);
  protected readonly problem = signal<Translatable | null>(null);
  /** The draft was saved elsewhere meanwhile: reloading loses the edits here. */
  protected readonly conflict = signal(false);
  protected readonly notice = signal<Translatable | null>(null);
  protected readonly reasonMissing = signal(false);
  protected readonly showHistory = signal(false);

  constructor() {
    const state = inject(Location).getState() as SavedState | null;
    if (state?.savedVersion) {
      this.notice.set({ key: _('doctor.document.saved'), params: { version: String(state.savedVersion) } });
    }
  }

  protected onChange(): void {
    this.dirty.set(true);
    this.notice.set(null);
  }

  protected statusLabel(version: DocumentVersionSummary): string {
    return VERSION_STATUS_LABELS[version.status];
  }

  protected roleLabel(version: DocumentVersionSummary): string {
    return USER_ROLE_LABELS[version.authorRole] ?? version.authorRole;
  }

  protected title(text: { vi: string; en: string } | undefined): string {
    if (!text) return '';
    return this.language() === 'en' ? text.en : text.vi;
  }

  protected startAmend(): void {
    this.amending.set(true);
    this.reason.set('');
    this.reasonMissing.set(false);
    this.notice.set(null);
    this.problem.set(null);
  }

  protected cancelAmend(): void {
    this.amending.set(false);
    this.problem.set(null);
    // Rebuild the form from the signed content.
    this.versionResource.reload();
  }

  protected save(): void {
    const form = this.schemaForm();
    if (!form || this.saving()) return;
    this.problem.set(null);
    this.notice.set(null);
    form.clearServerErrors();
    if (form.hasBlockingErrors()) {
      form.markAllAsTouched();
      this.problem.set({ key: _('doctor.document.fixErrors') });
      form.focusFirstError();
      return;
    }
    const mode = this.mode();
    if (mode === 'amend' && !this.reason().trim()) {
      this.reasonMissing.set(true);
      this.problem.set({ key: _('doctor.document.reasonRequired') });
      return;
    }
    const content = form.content();
    this.saving.set(true);
    if (mode === 'create') {
      const encounterId = this.params().encounterId ?? '';
      const formCode = this.params().formCode ?? '';
      this.api.create(encounterId, { formCode, content }).subscribe({
        next: (version) => {
          this.saving.set(false);
          this.dirty.set(false);
          void this.router.navigate(['/doctor/documents', version.documentId], {
            replaceUrl: true,
            state: { savedVersion: version.number } satisfies SavedState,
          });
        },
        error: (error: unknown) => this.failed(error),
      });
    } else if (mode === 'amend') {
      const id = this.params().documentId ?? '';
      this.api.amend(id, { reason: this.reason().trim(), content }).subscribe({
        next: (version) => {
          this.saving.set(false);
          this.dirty.set(false);
          this.amending.set(false);
          this.notice.set({ key: _('doctor.document.amended'), params: { version: String(version.number) } });
          this.summaryResource.reload();
          this.historyResource.reload();
          void this.router.navigate([], { relativeTo: this.route, queryParams: { version: version.number } });
        },
        error: (error: unknown) => this.failed(error),
      });
    } else if (mode === 'edit') {
      const version = this.version();
      if (!version) return;
      this.api.saveDraft(version.documentId, version.number, { revision: version.revision, content }).subscribe({
        next: (saved) => {
          this.saving.set(false);
          this.dirty.set(false);
          this.version.set(saved);
          this.notice.set({ key: _('doctor.document.saved'), params: { version: String(saved.number) } });
          this.historyResource.reload();
        },
        error: (error: unknown) => this.failed(error),
      });
    } else {
      this.saving.set(false);
    }
  }

  // --- signing ---------------------------------------------------------------------------------------------------

  protected startSigning(): void {
    const version = this.version();
    const step = this.awaitedStep();
    if (!version || !step) return;
    this.notice.set(null);
    this.problem.set(null);
    if (this.dirty()) {
      this.problem.set({ key: _('doctor.sign.saveFirst') });
      return;
    }
    this.signing.start(version.id, {
      signed: (signature) => this.signed(signature, step),
      incomplete: (errors) => this.signIncomplete(errors),
    });
  }

  private signed(signature: SignatureSummary, step: SignerStep): void {
    this.notice.set({ key: _('doctor.sign.signedNotice'), params: { version: String(signature.versionNumber), label: step.label } });
    this.summaryResource.reload();
    this.historyResource.reload();
    this.versionResource.reload();
  }

  private signIncomplete(errors: FieldError[]): void {
    const form = this.schemaForm();
    form?.showServerErrors(errors);
    this.problem.set({ key: _('doctor.sign.incomplete'), params: { count: String(errors.length) } });
    form?.focusFirstError();
  }

  /** Fetches a signature file with the user's token and saves it under the name the OpenSSL command uses. */
  protected download(request: SignatureDownload): void {
    const file =
      request.kind === 'p7s'
        ? this.signaturesApi.p7s(request.report.id)
        : request.kind === 'chain'
          ? this.signaturesApi.chain(request.report.id)
          : this.signaturesApi.canonical(request.report.versionId);
    file.subscribe({
      next: (blob) => saveBlob(blob, request.fileName),
      error: () => this.problem.set({ key: _('doctor.sign.downloadError'), params: { file: request.fileName } }),
    });
  }

  /** Drops the edits here and shows the version as saved elsewhere. */
  protected reloadAfterConflict(): void {
    this.conflict.set(false);
    this.problem.set(null);
    this.dirty.set(false);
    this.summaryResource.reload();
    this.historyResource.reload();
    this.versionResource.reload();
  }

  private failed(error: unknown): void {
    this.saving.set(false);
    const code = problemCodeOf(error);
    switch (code) {
      case 'invalid_content': {
        const errors = problemOf(error)?.errors ?? [];
        this.schemaForm()?.showServerErrors(errors);
        this.problem.set({ key: _('doctor.document.invalidContent'), params: { count: String(errors.length) } });
        this.schemaForm()?.focusFirstError();
        return;
      }
      case 'stale_revision':
        this.conflict.set(true);
        this.problem.set({ key: _('doctor.document.staleRevision') });
        return;
      case 'version_signed':
      case 'latest_not_signed':
        this.conflict.set(true);
        this.problem.set({ key: _('doctor.document.versionSigned') });
        return;
      case 'not_the_author':
        this.problem.set({ key: _('doctor.document.notAuthor') });
        return;
      case 'one_per_encounter':
        this.problem.set({ key: _('doctor.document.onePerEncounter') });
        return;
      default:
        this.problem.set(failureMessage(error));
    }
  }
}

/** The result of several signatures: FAILED if any failed, else INDETERMINATE if any is, else PASSED; null for none. */
function overallIndication(reports: SignatureReport[]): SignatureIndication | null {
  if (reports.length === 0) return null;
  if (reports.some((r) => r.indication === 'FAILED')) return 'FAILED';
  if (reports.some((r) => r.indication === 'INDETERMINATE')) return 'INDETERMINATE';
  return 'PASSED';
}
