import { ChangeDetectionStrategy, Component, computed, effect, inject, input, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { FieldDiff } from '@benhan/shared/contracts';
import { DocumentsApi } from '@benhan/web/data-access';
import { displayValue, type GroupNode, labelOfPointer, LanguageService } from '@benhan/web/ui';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { Message } from 'primeng/message';
import { Select } from 'primeng/select';
import { Tag } from 'primeng/tag';
import { failureMessage } from '../../failure-message';
import { DIFF_CHANGE_LABELS } from '../../labels';

/** One changed field as shown: its name from the schema, and both values as the form shows them. */
export interface DiffRow {
  path: string;
  field: string;
  rows: number[];
  change: FieldDiff['change'];
  before: string;
  after: string;
}

/**
 * What changed between two versions of a document: the leaves that differ, each named by the schema's titles
 * (section › field, with row numbers of repeating groups) and shown before and after. Pick any two versions.
 */
@Component({
  selector: 'bh-version-diff',
  imports: [FormsModule, TranslatePipe, Select, Tag, Message],
  templateUrl: './version-diff.html',
  styleUrl: './version-diff.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class VersionDiff {
  private readonly api = inject(DocumentsApi);
  private readonly language = inject(LanguageService).language;
  private readonly translate = inject(TranslateService);

  readonly documentId = input.required<string>();
  /** Version numbers, oldest first. */
  readonly numbers = input.required<number[]>();
  /** The field tree of the form's schema; pointers are shown raw without it. */
  readonly root = input<GroupNode | null>(null);

  protected readonly changeLabels = DIFF_CHANGE_LABELS;
  protected readonly yes = _('doctor.diff.yes');
  protected readonly no = _('doctor.diff.no');

  protected readonly options = computed(() => this.numbers().map((n) => ({ value: n })));
  protected readonly from = linkedSignal(() => {
    const numbers = this.numbers();
    return numbers.length > 1 ? numbers[numbers.length - 2] : (numbers[0] ?? null);
  });
  protected readonly to = linkedSignal(() => this.numbers().at(-1) ?? null);

  private readonly diff = rxResource({
    params: () => {
      const from = this.from();
      const to = this.to();
      return from !== null && to !== null && from !== to ? { id: this.documentId(), from, to } : undefined;
    },
    stream: ({ params }) => this.api.diff(params.id, params.from, params.to),
  });
  protected readonly loading = this.diff.isLoading;
  protected readonly error = computed(() => {
    const error = this.diff.error();
    return error ? failureMessage(error) : null;
  });
  protected readonly same = computed(() => this.from() !== null && this.from() === this.to());

  protected readonly rows = computed<DiffRow[]>(() => {
    if (!this.diff.hasValue() || this.same()) return [];
    const root = this.root();
    const language = this.language();
    return this.diff.value().changes.map((change) => {
      const label = root ? labelOfPointer(root, change.path, language) : { titles: [change.path], rows: [], leaf: null };
      return {
        path: change.path,
        field: label.titles.join(' › '),
        rows: label.rows,
        change: change.change,
        before: this.show(label.leaf, change.before),
        after: this.show(label.leaf, change.after),
      };
    });
  });

  constructor() {
    // Keep from ≤ to readable: choosing a "from" after "to" swaps them.
    effect(() => {
      const from = this.from();
      const to = this.to();
      if (from !== null && to !== null && from > to) {
        this.from.set(to);
        this.to.set(from);
      }
    });
  }

  private show(leaf: Parameters<typeof displayValue>[0], value: unknown): string {
    if (typeof value === 'boolean') return this.translate.instant(value ? this.yes : this.no);
    return displayValue(leaf, value, this.language());
  }
}
