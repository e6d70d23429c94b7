import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { ActivatedRoute } from '@angular/router';
import type {
  DocumentSummary,
  EncounterCompleteness,
  EncounterDetail,
  FormCategory,
  FormSummary,
  SignatureReport,
} from '@benhan/shared/contracts';
import { AuthService, DocumentsApi, EncountersApi, SignaturesApi } from '@benhan/web/data-access';
import { LanguageService, SignatureBadge, type SignatureBadgeView, signatureBadges } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { map } from 'rxjs';
import { failureMessage } from '../../failure-message';
import { ENCOUNTER_STATUS_LABELS, ENCOUNTER_TYPE_LABELS, FORM_CATEGORY_LABELS, VERSION_STATUS_LABELS } from '../../labels';

/** Documents of one form category, in the registry's category order. */
export interface DocumentGroup {
  category: FormCategory | null;
  documents: DocumentSummary[];
}

const CATEGORY_ORDER = Object.keys(FORM_CATEGORY_LABELS) as FormCategory[];

/**
 * One encounter (`/doctor/encounters/:id`): who and where, what the record still lacks (required forms,
 * signatures, incomplete drafts), its documents by form category with their status, version and signature badges, and the start
 * of a new document on a form allowed for the encounter.
 */
@Component({
  selector: 'bh-encounter-page',
  imports: [RouterLink, DatePipe, TranslatePipe, Tag, Message, Dialog, ButtonDirective, ButtonIcon, ButtonLabel, SignatureBadge],
  templateUrl: './encounter-page.html',
  styleUrl: './encounter-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EncounterPage {
  private readonly encountersApi = inject(EncountersApi);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly signaturesApi = inject(SignaturesApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly language = inject(LanguageService).language;

  protected readonly categoryLabels = FORM_CATEGORY_LABELS;
  protected readonly statusLabels = VERSION_STATUS_LABELS;

  private readonly id = toSignal(inject(ActivatedRoute).paramMap.pipe(map((params) => params.get('id') ?? '')), {
    initialValue: '',
  });

  private readonly encounterResource = rxResource({
    params: () => this.id() || undefined,
    stream: ({ params }) => this.encountersApi.get(params),
  });
  protected readonly encounter = computed<EncounterDetail | null>(() =>
    this.encounterResource.hasValue() ? this.encounterResource.value() : null,
  );
  protected readonly encounterError = computed(() => {
    const error = this.encounterResource.error();
    return error ? failureMessage(error) : null;
  });

  private readonly documentsResource = rxResource({
    params: () => this.id() || undefined,
    stream: ({ params }) => this.documentsApi.forEncounter(params),
  });
  protected readonly documentsLoading = this.documentsResource.isLoading;
  protected readonly documentsError = computed(() => {
    const error = this.documentsResource.error();
    return error ? failureMessage(error) : null;
  });
  protected readonly documents = computed<DocumentSummary[]>(() =>
    this.documentsResource.hasValue() ? this.documentsResource.value() : [],
  );

  /** The validation of every signature of the encounter; asked only once some document's latest version is signed. */
  private readonly reportResource = rxResource({
    params: () => {
      const id = this.id();
      return id && this.documents().some((d) => d.latest.signoffs.length > 0) ? id : undefined;
    },
    stream: ({ params }) => this.signaturesApi.encounterReport(params),
  });
  private readonly reports = computed<SignatureReport[] | null>(() =>
    this.reportResource.hasValue() ? (this.reportResource.value()?.reports ?? null) : null,
  );

  /** Badges of each document's latest version: its signatures by their validation, then the steps it awaits. */
  protected readonly badges = computed(() => {
    const reports = this.reports();
    return new Map<string, SignatureBadgeView[]>(this.documents().map((d) => [d.id, signatureBadges(d.latest, reports)]));
  });

  private readonly completenessResource = rxResource({
    params: () => this.id() || undefined,
    stream: ({ params }) => this.documentsApi.completeness(params),
  });
  protected readonly completeness = computed<EncounterCompleteness | null>(() =>
    this.completenessResource.hasValue() ? this.completenessResource.value() : null,
  );
  protected readonly completenessFailed = computed(() => this.completenessResource.error() !== undefined);

  private readonly formsResource = rxResource({
    params: () => this.encounter()?.type,
    stream: ({ params }) => this.documentsApi.forms(params),
  });
  protected readonly forms = computed<FormSummary[]>(() => (this.formsResource.hasValue() ? this.formsResource.value() : []));
  protected readonly formsLoading = this.formsResource.isLoading;

  /** Forms the signed-in user may start here: active, allowed for the encounter type and one of their roles. */
  protected readonly creatableForms = computed(() => {
    const roles = this.auth.currentUser()?.roles ?? [];
    const type = this.encounter()?.type;
    const taken = new Set(this.documents().map((d) => d.formCode));
    return this.forms()
      .filter((f) => f.active && (!type || f.encounterTypes.includes(type)) && f.authorRoles.some((r) => roles.includes(r)))
      .map((form) => ({ form, taken: !form.repeatable && taken.has(form.code) }));
  });

  /** The documents by form category, categories in the registry's order, newest first within one. */
  protected readonly groups = computed<DocumentGroup[]>(() => {
    const categoryOf = new Map(this.forms().map((f) => [f.code, f.category]));
    const groups = new Map<FormCategory | null, DocumentSummary[]>();
    for (const document of this.documents()) {
      const category = categoryOf.get(document.formCode) ?? null;
      groups.set(category, [...(groups.get(category) ?? []), document]);
    }
    const rank = (c: FormCategory | null) => (c === null ? CATEGORY_ORDER.length : CATEGORY_ORDER.indexOf(c));
    return [...groups.entries()]
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([category, documents]) => ({
        category,
        documents: [...documents].sort((a, b) => b.latest.savedAt.localeCompare(a.latest.savedAt)),
      }));
  });

  /** Form titles by code, for the completeness panel's codes. */
  private readonly formTitles = computed(() => {
    const titles = new Map<string, string>();
    for (const d of this.documents()) titles.set(d.formCode, this.language() === 'en' ? d.formTitle.en : d.formTitle.vi);
    for (const f of this.forms()) titles.set(f.code, this.language() === 'en' ? f.title.en : f.title.vi);
    return titles;
  });

  protected readonly choosing = signal(false);

  protected typeLabel(encounter: EncounterDetail): string {
    return ENCOUNTER_TYPE_LABELS[encounter.type];
  }

  protected statusLabel(encounter: EncounterDetail): string {
    return ENCOUNTER_STATUS_LABELS[encounter.status];
  }

  protected title(text: { vi: string; en: string }): string {
    return this.language() === 'en' ? text.en : text.vi;
  }

  protected formTitle(code: string): string {
    return this.formTitles().get(code) ?? code;
  }

  protected create(form: FormSummary): void {
    this.choosing.set(false);
    void this.router.navigate(['/doctor/encounters', this.id(), 'documents', 'new'], { queryParams: { form: form.code } });
  }

  protected reload(): void {
    this.encounterResource.reload();
    this.documentsResource.reload();
    this.completenessResource.reload();
    this.reportResource.reload();
  }
}
