import { ChangeDetectionStrategy, Component, computed, effect, input, model, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { Dialog } from 'primeng/dialog';
import { InputText } from 'primeng/inputtext';
import { Message } from 'primeng/message';
import { type PinDialogMode, pinProblem } from './signature-model';

/** Why the server refused, as its problem code with what it said (structurally a data-access `SigningProblem`). */
export interface PinDialogProblem {
  code: string;
  detail?: string | null;
  fields?: string[];
}

/** Problem codes with a message of their own; anything else shows the server's detail. */
const PROBLEM_KEYS: Record<string, string> = {
  wrong_pin: _('signatures.problem.wrong_pin'),
  not_your_step: _('signatures.problem.not_your_step'),
  content_incomplete: _('signatures.problem.content_incomplete'),
  certificate_revoked: _('signatures.problem.certificate_revoked'),
  certificate_expired: _('signatures.problem.certificate_expired'),
  version_not_latest: _('signatures.problem.version_not_latest'),
  not_enrolled: _('signatures.problem.not_enrolled'),
  network: _('signatures.problem.network'),
};

/** A problem code that no other PIN can fix: the submit button is disabled until the dialog is reopened. */
const FINAL_PROBLEMS = new Set(['not_your_step', 'certificate_revoked', 'certificate_expired', 'version_not_latest']);

/**
 * The signing PIN prompt: a numeric password field (6–12 digits, checked before sending), or in `enrol` mode a new
 * PIN typed twice. It shows what the page passes in (remaining attempts, locked, the server's refusal) and emits the
 * PIN; it never keeps it after sending. Bind `[(visible)]`; `(pinSubmit)` gets the PIN, `(cancelled)` a close.
 */
@Component({
  selector: 'bh-pin-dialog',
  imports: [FormsModule, TranslatePipe, Dialog, InputText, Message, ButtonDirective, ButtonLabel],
  templateUrl: './pin-dialog.html',
  styleUrl: './pin-dialog.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PinDialog {
  readonly visible = model(false);
  readonly mode = input<PinDialogMode>('sign');
  /** What is being signed, e.g. "Bác sĩ làm bệnh án" (the awaited step's label). */
  readonly stepLabel = input<string | null>(null);
  readonly busy = input(false);
  readonly locked = input(false);
  readonly remainingAttempts = input<number | null>(null);
  readonly problem = input<PinDialogProblem | null>(null);
  /** A certificate was just issued: say so above the PIN prompt. */
  readonly enrolled = input(false);

  readonly pinSubmit = output<string>();
  readonly cancelled = output<void>();

  protected readonly pin = signal('');
  protected readonly confirmation = signal('');
  protected readonly tried = signal(false);

  protected readonly titleKey = computed(() => (this.mode() === 'enrol' ? _('signatures.pin.enrolTitle') : _('signatures.pin.signTitle')));
  protected readonly submitKey = computed(() =>
    this.mode() === 'enrol' ? _('signatures.pin.submitEnrol') : _('signatures.pin.submitSign'),
  );
  protected readonly pinLabelKey = computed(() => (this.mode() === 'enrol' ? _('signatures.pin.newPin') : _('signatures.pin.label')));
  protected readonly error = computed(() => (this.tried() ? pinProblem(this.pin(), this.mode(), this.confirmation()) : null));
  protected readonly problemMessage = computed(() => {
    const problem = this.problem();
    if (!problem) return null;
    const fields = problem.fields ?? [];
    const params = {
      detail: problem.detail ?? '',
      count: String(fields.length),
      fields: fields.join(', '),
    };
    const key = PROBLEM_KEYS[problem.code];
    if (key) return { key, params };
    return problem.detail ? { key: _('signatures.problem.failed'), params } : { key: _('signatures.problem.failedNoDetail'), params };
  });
  protected readonly blocked = computed(() => this.locked() || FINAL_PROBLEMS.has(this.problem()?.code ?? ''));
  /** The wrong-PIN warning, only while attempts remain (locked has its own message). */
  protected readonly attemptsLeft = computed(() => {
    const remaining = this.remainingAttempts();
    return !this.locked() && remaining !== null && remaining > 0 ? remaining : null;
  });

  constructor() {
    // A fresh prompt each time the dialog opens or switches mode, and after each refusal (no PIN lingers).
    effect(() => {
      this.visible();
      this.mode();
      this.problem();
      this.reset();
    });
  }

  protected submit(): void {
    if (this.busy() || this.blocked()) return;
    this.tried.set(true);
    if (this.error()) return;
    this.pinSubmit.emit(this.pin());
  }

  protected cancel(): void {
    this.visible.set(false);
    this.cancelled.emit();
  }

  /** Keeps only digits: the keypad may still let letters through. */
  protected digits(value: string): string {
    return value.replace(/\D+/g, '').slice(0, 12);
  }

  private reset(): void {
    this.pin.set('');
    this.confirmation.set('');
    this.tried.set(false);
  }
}
