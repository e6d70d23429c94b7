import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import type { FieldError, FormDefinition } from '@benhan/shared/contracts';
import { DocumentsApi, problemOf, statusOf } from '@benhan/web/data-access';
import { SchemaForm } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { Textarea } from 'primeng/textarea';
import { failureMessage, type Translatable } from '../../failure-message';
import { readFormFile, uploadKindOf, type UploadKind } from '../../forms/form-file';
import { ENCOUNTER_TYPE_LABELS, FORM_CATEGORY_LABELS, FORM_FILE_PROBLEM_LABELS } from '../../labels';

/** What the upload did: a new form, a new schema version, or nothing (identical to the latest version). */
interface UploadOutcome {
  form: FormDefinition;
  message: Translatable;
}

/**
 * Adding a form without a deploy (`/admin/forms/new`): pick a definition file (`.json`, the format of the shipped
 * forms) or paste it, see what it is (code, titles, a new form or a new schema version of an existing code) and a
 * preview of the form it generates, then upload it. The server checks it fully; its 400 lists each bad entry.
 */
@Component({
  selector: 'bh-form-upload',
  imports: [FormsModule, RouterLink, TranslatePipe, Textarea, Message, Tag, SchemaForm, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './form-upload.html',
  styleUrl: './form-upload.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormUpload {
  private readonly api = inject(DocumentsApi);

  protected readonly categoryLabels = FORM_CATEGORY_LABELS;
  protected readonly encounterTypeLabels = ENCOUNTER_TYPE_LABELS;
  protected readonly fileProblemLabels = FORM_FILE_PROBLEM_LABELS;

  protected readonly text = signal('');
  protected readonly fileName = signal<string | null>(null);
  protected readonly reading = computed(() => (this.text().trim() ? readFormFile(this.text()) : null));
  protected readonly definition = computed(() => {
    const reading = this.reading();
    return reading?.ok ? reading.definition : null;
  });

  /** The signer steps as the file lists them (only if it lists them), to show what it brings. */
  protected readonly signerLabels = computed(() => {
    const signers: unknown = this.definition()?.signers;
    return Array.isArray(signers) ? signers.map((s: { label?: unknown }) => String(s?.label ?? '')) : [];
  });

  protected readonly previewable = computed(() => {
    const reading = this.reading();
    return !!reading?.ok && reading.previewable;
  });

  private readonly registry = rxResource({ stream: () => this.api.forms() });
  protected readonly kind = computed<UploadKind | null>(() => {
    const definition = this.definition();
    if (!definition || !this.registry.hasValue()) return null;
    return uploadKindOf(definition.code, this.registry.value());
  });

  protected readonly uploading = signal(false);
  protected readonly outcome = signal<UploadOutcome | null>(null);
  protected readonly failure = signal<Translatable | null>(null);
  protected readonly serverErrors = signal<FieldError[]>([]);

  protected async pick(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    this.fileName.set(file.name);
    this.setText(await file.text());
    // Picking the same file again after an edit must fire `change` again.
    input.value = '';
  }

  protected setText(text: string): void {
    this.text.set(text);
    this.outcome.set(null);
    this.failure.set(null);
    this.serverErrors.set([]);
  }

  protected upload(): void {
    const definition = this.definition();
    if (!definition) return;
    const kind = this.kind();
    this.uploading.set(true);
    this.failure.set(null);
    this.serverErrors.set([]);
    this.outcome.set(null);
    this.api.uploadForm(definition).subscribe({
      next: (form) => {
        this.uploading.set(false);
        this.outcome.set({ form, message: outcomeMessage(form, kind) });
        this.registry.reload();
      },
      error: (error: unknown) => {
        this.uploading.set(false);
        const errors = statusOf(error) === 400 ? (problemOf(error)?.errors ?? []) : [];
        this.serverErrors.set(errors);
        this.failure.set(errors.length ? { key: _('admin.upload.rejected'), params: { count: String(errors.length) } } : failureMessage(error));
      },
    });
  }
}

function outcomeMessage(form: FormDefinition, kind: UploadKind | null): Translatable {
  const params = { code: form.code, version: String(form.version) };
  if (kind?.kind === 'new_version' && kind.current.version === form.version) return { key: _('admin.upload.unchanged'), params };
  if (form.version > 1) return { key: _('admin.upload.uploadedVersion'), params };
  return { key: _('admin.upload.uploadedNew'), params };
}
