import { ChangeDetectionStrategy, Component, computed, effect, input, model, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { Textarea } from 'primeng/textarea';
import type { Translatable } from '../../failure-message';

/** What the user confirmed: the text, and whether with the second action (e.g. preview rather than download). */
export interface ReasonSubmit {
  reason: string;
  secondary: boolean;
}

/** The words of one prompt, as translation keys (mark them with `_()`). */
export interface ReasonPrompt {
  headerKey: string;
  labelKey: string;
  submitKey: string;
  hintKey?: string;
  /** A second action with the same text, e.g. "Xem bản in" next to "Tải xuống". */
  secondaryKey?: string;
  /** Required unless false. */
  required?: boolean;
  /** A destructive action (a disposal) is red. */
  danger?: boolean;
}

/**
 * Asks for the reason or purpose the server records with an action (a download's purpose, a legal hold, a
 * re-opening, a disposal, an export): a text area, required unless the prompt says otherwise, and one or two
 * actions. The page does the call and passes `[busy]` and the server's `[problem]`; the text is cleared on each
 * opening.
 */
@Component({
  selector: 'bh-reason-dialog',
  imports: [FormsModule, TranslatePipe, Dialog, Textarea, Message, ButtonDirective, ButtonLabel],
  templateUrl: './reason-dialog.html',
  styleUrl: '../dialog-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReasonDialog {
  readonly visible = model(false);
  readonly prompt = input.required<ReasonPrompt>();
  /** What the action is about, e.g. the patient and record number. */
  readonly subject = input<string | null>(null);
  readonly busy = input(false);
  readonly problem = input<Translatable | null>(null);

  readonly submitted = output<ReasonSubmit>();

  protected readonly text = signal('');
  protected readonly tried = signal(false);
  protected readonly required = computed(() => this.prompt().required !== false);
  protected readonly missing = computed(() => this.tried() && this.required() && !this.text().trim());

  constructor() {
    effect(() => {
      if (this.visible()) {
        this.text.set('');
        this.tried.set(false);
      }
    });
  }

  protected submit(secondary = false): void {
    if (this.busy()) return;
    this.tried.set(true);
    if (this.missing()) return;
    this.submitted.emit({ reason: this.text().trim(), secondary });
  }
}
