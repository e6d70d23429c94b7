import { ChangeDetectionStrategy, Component, computed, effect, input, model, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { LoanRequest } from '@benhan/shared/contracts';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { DatePicker } from 'primeng/datepicker';
import { Dialog } from 'primeng/dialog';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { Textarea } from 'primeng/textarea';
import type { Translatable } from '../../failure-message';

/**
 * Lends an archived record: to whom (a court, an insurer, a department), why, and until which day (due at the end
 * of that day, local time). The page makes the call and passes `[busy]` and the server's `[problem]`.
 */
@Component({
  selector: 'bh-loan-dialog',
  imports: [FormsModule, TranslatePipe, Dialog, InputText, Textarea, DatePicker, Message, ButtonDirective, ButtonLabel],
  templateUrl: './loan-dialog.html',
  styleUrl: '../dialog-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoanDialog {
  readonly visible = model(false);
  readonly subject = input<string | null>(null);
  readonly busy = input(false);
  readonly problem = input<Translatable | null>(null);
  readonly lend = output<LoanRequest>();

  protected readonly today = startOfToday();
  protected readonly borrower = signal('');
  protected readonly purpose = signal('');
  protected readonly due = signal<Date | null>(null);
  protected readonly tried = signal(false);
  protected readonly missing = computed(() => ({
    borrower: this.tried() && !this.borrower().trim(),
    purpose: this.tried() && !this.purpose().trim(),
    due: this.tried() && !this.due(),
  }));

  constructor() {
    effect(() => {
      if (!this.visible()) return;
      this.borrower.set('');
      this.purpose.set('');
      this.due.set(null);
      this.tried.set(false);
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    this.tried.set(true);
    const due = this.due();
    const missing = this.missing();
    if (!due || missing.borrower || missing.purpose) return;
    const endOfDay = new Date(due.getFullYear(), due.getMonth(), due.getDate(), 23, 59, 59);
    this.lend.emit({ borrower: this.borrower().trim(), purpose: this.purpose().trim(), dueAt: endOfDay.toISOString() });
  }
}

function startOfToday(): Date {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}
