import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { EncounterType, FormCategory, FormSummary } from '@benhan/shared/contracts';
import { DocumentsApi } from '@benhan/web/data-access';
import { LanguageService } from '@benhan/web/ui';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { IconField } from 'primeng/iconfield';
import { InputIcon } from 'primeng/inputicon';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { failureMessage } from '../../failure-message';
import { ENCOUNTER_TYPE_LABELS, FORM_CATEGORY_LABELS } from '../../labels';

/**
 * The form registry (`/admin/forms`): every form at its latest schema version with this facility's signer matrix,
 * completeness rule and active flag, filtered by text; each opens its page, and a new form is uploaded from here.
 */
@Component({
  selector: 'bh-form-list',
  imports: [FormsModule, RouterLink, TranslatePipe, TableModule, Tag, Message, InputText, IconField, InputIcon, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './form-list.html',
  styleUrl: './form-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormList {
  private readonly api = inject(DocumentsApi);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService).language;

  protected readonly activeLabel = _('admin.forms.active');
  protected readonly inactiveLabel = _('admin.forms.inactive');
  protected readonly emptyLabel = _('admin.forms.empty');
  protected readonly noMatchLabel = _('admin.forms.noMatch');

  private readonly forms = rxResource({ stream: () => this.api.forms() });
  protected readonly loading = this.forms.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.forms.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly query = signal('');
  protected readonly rows = computed<FormSummary[]>(() => {
    const all = this.forms.hasValue() ? this.forms.value() : [];
    const words = normalize(this.query()).split(/\s+/).filter(Boolean);
    if (!words.length) return all;
    // Re-read the category labels when the language changes.
    this.language();
    return all.filter((form) => {
      const text = normalize(
        [form.code, form.title.vi, form.title.en, form.source, this.translate.instant(FORM_CATEGORY_LABELS[form.category]), ...form.signers.map((s) => s.label)].join(' '),
      );
      return words.every((w) => text.includes(w));
    });
  });

  /** Label keys by method: PrimeNG types the table's row template `any`, which cannot index a typed record. */
  protected categoryLabel(category: FormCategory): string {
    return FORM_CATEGORY_LABELS[category];
  }

  protected encounterTypeLabel(type: EncounterType): string {
    return ENCOUNTER_TYPE_LABELS[type];
  }

  protected reload(): void {
    this.forms.reload();
  }
}

/** Lower case without diacritics, so `benh an` finds `Bệnh án`. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}
