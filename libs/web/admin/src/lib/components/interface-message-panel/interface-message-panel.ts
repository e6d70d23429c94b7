import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { InterfaceMessageDetail, ReplayInterfaceMessageResponse } from '@benhan/shared/contracts';
import { InterfacesApi } from '@benhan/web/data-access';
import { TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { Tag } from 'primeng/tag';
import { Textarea } from 'primeng/textarea';
import type { Translatable } from '../../failure-message';
import { canEditAndReplay, canResend, interfaceFailure, replayTextOf, segmentsOf } from '../../interfaces/interface-model';
import { INTERFACE_LABEL_OF } from '../../labels';

/** Dates of the message log: to the second, as HL7 timestamps are read. */
export const MESSAGE_TIME_FORMAT = 'dd/MM/yyyy HH:mm:ss';

/**
 * One HL7 v2 message of the interface log: every fact the log keeps, the raw message and its acknowledgement one
 * segment per line, the replays made of it, and the administrator's way out: an inbound quarantined message is
 * edited and replayed, an outbound failed or delivered one is sent again as built, after a confirmation.
 */
@Component({
  selector: 'bh-interface-message-panel',
  imports: [DatePipe, FormsModule, TranslatePipe, Tag, Message, Textarea, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './interface-message-panel.html',
  styleUrl: './interface-message-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InterfaceMessagePanel {
  private readonly api = inject(InterfacesApi);

  /** The message shown. */
  readonly messageId = input.required<string>();
  /** The last replay's outcome, shown above the message it opened. */
  readonly outcome = input<ReplayInterfaceMessageResponse | null>(null);
  /** Another message to open: a replay, or the message a replay replays. */
  readonly opened = output<string>();
  /** A replay went through: the log and the overview are out of date. */
  readonly replayed = output<ReplayInterfaceMessageResponse>();

  protected readonly timeFormat = MESSAGE_TIME_FORMAT;
  protected readonly label = INTERFACE_LABEL_OF;

  private readonly detail = rxResource({ params: () => this.messageId(), stream: ({ params }) => this.api.message(params) });
  protected readonly message = computed<InterfaceMessageDetail | null>(() => (this.detail.hasValue() ? this.detail.value() : null));
  protected readonly loading = this.detail.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.detail.error();
    return error ? interfaceFailure(error) : null;
  });

  protected readonly segments = computed(() => segmentsOf(this.message()?.text));
  protected readonly ackSegments = computed(() => segmentsOf(this.message()?.ackText));
  protected readonly editable = computed(() => {
    const message = this.message();
    return !!message && canEditAndReplay(message);
  });
  protected readonly resendable = computed(() => {
    const message = this.message();
    return !!message && canResend(message);
  });

  /** Editing, the confirmation and the last failure belong to the message shown: opening another resets them. */
  protected readonly editing = linkedSignal({ source: this.messageId, computation: () => false });
  protected readonly draft = linkedSignal({ source: this.messageId, computation: () => '' });
  protected readonly confirming = linkedSignal({ source: this.messageId, computation: () => false });
  protected readonly failure = linkedSignal<string, Translatable | null>({ source: this.messageId, computation: () => null });
  protected readonly busy = signal(false);

  /** Whether the replay's new attempt went through (accepted inbound, queued or delivered outbound). */
  protected outcomeSeverity(outcome: ReplayInterfaceMessageResponse): 'success' | 'warn' {
    return ['accepted', 'pending', 'delivered'].includes(outcome.attempt.status) ? 'success' : 'warn';
  }

  protected startEditing(): void {
    this.draft.set(this.segments().join('\n'));
    this.failure.set(null);
    this.editing.set(true);
  }

  protected cancelEditing(): void {
    this.editing.set(false);
  }

  protected replayEdited(): void {
    const text = replayTextOf(this.draft());
    if (!text) return;
    this.send(text);
  }

  protected askResend(): void {
    this.failure.set(null);
    this.confirming.set(true);
  }

  protected cancelResend(): void {
    this.confirming.set(false);
  }

  protected resend(): void {
    this.send(undefined);
  }

  private send(text: string | undefined): void {
    const message = this.message();
    if (!message || this.busy()) return;
    this.busy.set(true);
    this.failure.set(null);
    this.api.replay(message.id, text).subscribe({
      next: (response) => {
        this.busy.set(false);
        this.editing.set(false);
        this.confirming.set(false);
        this.replayed.emit(response);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(interfaceFailure(error));
      },
    });
  }

  protected reload(): void {
    this.detail.reload();
  }
}
