import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { FormDefinition } from '@benhan/shared/contracts';
import { DocumentsApi } from '@benhan/web/data-access';
import { LanguageService, SchemaForm } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { map } from 'rxjs';
import { FormSettings } from '../../components/form-settings/form-settings';
import { failureMessage } from '../../failure-message';
import { ENCOUNTER_TYPE_LABELS, FORM_CATEGORY_LABELS, SIGNER_ROLE_LABELS } from '../../labels';

/**
 * One form of the registry (`/admin/forms/:code`): what it is (titles, the regulation it follows, its schema
 * version, what is still uncertain about it), a read-only preview of the form doctors and nurses will fill, and
 * this facility's settings of it (signer matrix, completeness rule, active).
 */
@Component({
  selector: 'bh-form-page',
  imports: [RouterLink, TranslatePipe, Message, Tag, SchemaForm, FormSettings],
  templateUrl: './form-page.html',
  styleUrl: './form-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormPage {
  private readonly api = inject(DocumentsApi);
  private readonly route = inject(ActivatedRoute);
  protected readonly language = inject(LanguageService).language;

  protected readonly categoryLabels = FORM_CATEGORY_LABELS;
  protected readonly encounterTypeLabels = ENCOUNTER_TYPE_LABELS;
  protected readonly roleLabels = SIGNER_ROLE_LABELS;
  protected readonly activeLabel = _('admin.forms.active');
  protected readonly inactiveLabel = _('admin.forms.inactive');
  protected readonly repeatableLabel = _('admin.form.repeatableMany');
  protected readonly singleLabel = _('admin.form.repeatableOne');

  private readonly code = toSignal(this.route.paramMap.pipe(map((p) => p.get('code') ?? '')), { initialValue: '' });
  private readonly definition = rxResource({
    params: () => this.code() || undefined,
    stream: ({ params }) => this.api.form(params),
  });
  protected readonly form = computed<FormDefinition | null>(() => (this.definition.hasValue() ? this.definition.value() : null));
  protected readonly loading = this.definition.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.definition.error();
    return error ? failureMessage(error) : null;
  });

  /** The settings as saved: the header and the editor show the server's answer. */
  protected onSaved(form: FormDefinition): void {
    this.definition.set(form);
  }

  protected reload(): void {
    this.definition.reload();
  }
}
