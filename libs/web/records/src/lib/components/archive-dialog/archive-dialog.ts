import { ChangeDetectionStrategy, Component, computed, effect, inject, input, model, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { ArchiveSummary, DischargeQueueItem, RetentionCategory } from '@benhan/shared/contracts';
import { ArchiveApi, problemCodeOf, problemOf } from '@benhan/web/data-access';
import { LanguageService } from '@benhan/web/ui';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { MultiSelect } from 'primeng/multiselect';
import { finalize } from 'rxjs';
import type { Translatable } from '../../failure-message';
import { optionsOf, RETENTION_CATEGORY_LABELS } from '../../labels';
import { archiveFailure } from '../../problem-keys';
import { CompletenessList, type CompletenessGaps } from '../completeness-list/completeness-list';

/**
 * Archives a discharged record: the records officer asserts the special retention categories the record falls
 * under (those the server finds in it are added), and the server builds and seals the archive. A refusal because
 * the record is incomplete (409 `record_incomplete`) lists what is missing.
 */
@Component({
  selector: 'bh-archive-dialog',
  imports: [FormsModule, TranslatePipe, Dialog, MultiSelect, Message, ButtonDirective, ButtonLabel, CompletenessList],
  templateUrl: './archive-dialog.html',
  styleUrl: '../dialog-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ArchiveDialog {
  private readonly api = inject(ArchiveApi);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService).language;

  readonly record = input.required<DischargeQueueItem>();
  readonly visible = model(false);
  readonly archived = output<ArchiveSummary>();

  /** Labelled in the UI language here rather than by the pipe, because the multi-select's screen-reader names use these labels. */
  protected readonly categoryOptions = computed(() => {
    this.language();
    return optionsOf(RETENTION_CATEGORY_LABELS).map(({ value, labelKey }) => ({ value, label: this.translate.instant(labelKey) as string }));
  });
  protected readonly categories = signal<RetentionCategory[]>([]);
  protected readonly saving = signal(false);
  protected readonly gaps = signal<CompletenessGaps | null>(null);
  protected readonly error = signal<Translatable | null>(null);

  constructor() {
    effect(() => {
      if (!this.visible()) return;
      this.categories.set([]);
      this.gaps.set(null);
      this.error.set(null);
    });
  }

  protected submit(): void {
    if (this.saving()) return;
    this.gaps.set(null);
    this.error.set(null);
    this.saving.set(true);
    const categories = this.categories();
    this.api
      .archive(this.record().encounterId, categories.length ? { categories } : {})
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (archive) => {
          this.visible.set(false);
          this.archived.emit(archive);
        },
        error: (error: unknown) => {
          const gaps = gapsOf(error);
          if (gaps) {
            this.gaps.set(gaps);
            this.error.set({ key: _('records.archiveDialog.incomplete') });
            return;
          }
          this.error.set(archiveFailure(error));
        },
      });
  }
}

/** The lists of a 409 `record_incomplete`, or null for any other failure. */
export function gapsOf(error: unknown): CompletenessGaps | null {
  if (problemCodeOf(error) !== 'record_incomplete') return null;
  const problem: Record<string, unknown> = problemOf(error) ?? {};
  const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
  return {
    missing: list(problem['missing']),
    awaitingSignature: list(problem['awaitingSignature']),
    incompleteDrafts: list(problem['incompleteDrafts']),
  };
}
