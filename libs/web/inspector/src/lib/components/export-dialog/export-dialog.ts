import { ChangeDetectionStrategy, Component, computed, effect, input, model, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { DatePicker } from 'primeng/datepicker';
import { Dialog } from 'primeng/dialog';
import { Message } from 'primeng/message';
import { Textarea } from 'primeng/textarea';
import { rangeInvalid } from '../../dates';
import type { Translatable } from '../../failure-message';

/** The API's shortest reason for an export. */
export const REASON_MIN_LENGTH = 5;

/** What the inspector confirmed: the reason, and the days of the range when the dialog asks for one. */
export interface ExportSubmit {
  reason: string;
  from: Date | null;
  to: Date | null;
}

/** The words of one export, as translation keys (mark them with `_()`). */
export interface ExportPrompt {
  headerKey: string;
  submitKey: string;
  hintKey?: string;
  /** Ask for the days the export covers (the audit bundle); both may stay empty (everything). */
  withRange?: boolean;
}

/**
 * Asks for what every export of the audit trail needs: the reason, recorded with the export (required), and, for
 * the audit bundle, the days it covers. The page makes the call and passes `[busy]` and the server's `[problem]`;
 * the fields are cleared on each opening.
 */
@Component({
  selector: 'bh-export-dialog',
  imports: [FormsModule, TranslatePipe, Dialog, Textarea, DatePicker, Message, ButtonDirective, ButtonLabel],
  templateUrl: './export-dialog.html',
  styleUrl: './export-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportDialog {
  readonly visible = model(false);
  readonly prompt = input.required<ExportPrompt>();
  /** What is exported, e.g. the filters in force. */
  readonly subject = input<string | null>(null);
  readonly busy = input(false);
  readonly problem = input<Translatable | null>(null);

  readonly submitted = output<ExportSubmit>();

  protected readonly reason = signal('');
  protected readonly from = signal<Date | null>(null);
  protected readonly to = signal<Date | null>(null);
  protected readonly tried = signal(false);
  protected readonly minLength = REASON_MIN_LENGTH;
  protected readonly missing = computed(() => this.tried() && !this.reason().trim());
  protected readonly tooShort = computed(() => this.tried() && !this.missing() && this.reason().trim().length < REASON_MIN_LENGTH);
  protected readonly badRange = computed(() => this.tried() && rangeInvalid(this.from(), this.to()));

  constructor() {
    effect(() => {
      if (!this.visible()) return;
      this.reason.set('');
      this.from.set(null);
      this.to.set(null);
      this.tried.set(false);
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    this.tried.set(true);
    if (this.missing() || this.tooShort() || this.badRange()) return;
    this.submitted.emit({ reason: this.reason().trim(), from: this.from(), to: this.to() });
  }
}
