import { inject, Injectable, signal } from '@angular/core';
import type { FieldError, MySigningState, SignatureSummary } from '@benhan/shared/contracts';
import { problemCodeOf, problemOf, statusOf } from '../http/problem-details';
import { SignaturesApi } from './signatures.api';

/** What the PIN dialog asks for: the PIN to sign with, or a new PIN (twice) to enrol first. */
export type SigningMode = 'enrol' | 'sign';

/**
 * Why the last attempt failed, as the API's problem code (`wrong_pin`, `not_your_step`, `content_incomplete`,
 * `certificate_revoked`, …; `network` when the API never answered, `failed` for anything else) with the server's
 * `detail` and, for `content_incomplete`, the JSON Pointers of the missing fields.
 */
export interface SigningProblem {
  code: string;
  detail: string | null;
  fields: string[];
}

/** What the page does when the flow ends. */
export interface SigningHandlers {
  signed: (signature: SignatureSummary) => void;
  /** `content_incomplete`: the dialog closes and the page shows the fields; without it the dialog lists them. */
  incomplete?: (errors: FieldError[]) => void;
}

/**
 * The sign-with-PIN journey of one page (provide it in the component): look up the caller's signing state,
 * enrol a PIN first when they have no certificate, then sign a version, keeping what the PIN dialog shows (the
 * mode, remaining attempts, locked, the server's refusal) as signals. It holds no PIN beyond the call that uses it.
 */
@Injectable()
export class SigningFlow {
  private readonly api = inject(SignaturesApi);

  readonly open = signal(false);
  readonly mode = signal<SigningMode>('sign');
  readonly busy = signal(false);
  readonly locked = signal(false);
  /** Wrong PINs left before signing locks; null until the server has counted one. */
  readonly remainingAttempts = signal<number | null>(null);
  readonly problem = signal<SigningProblem | null>(null);
  /** A certificate was issued in this dialog: the next step is signing with the new PIN. */
  readonly enrolled = signal(false);

  private versionId: string | null = null;
  private handlers: SigningHandlers | null = null;

  /** Opens the dialog for a version: asks for the PIN, or for a new one when the caller is not enrolled yet. */
  start(versionId: string, handlers: SigningHandlers): void {
    this.versionId = versionId;
    this.handlers = handlers;
    this.mode.set('sign');
    this.locked.set(false);
    this.remainingAttempts.set(null);
    this.problem.set(null);
    this.enrolled.set(false);
    this.open.set(true);
    this.busy.set(true);
    this.api.mySigning().subscribe({
      next: (state) => {
        this.busy.set(false);
        this.applyState(state);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.problem.set(toProblem(error));
      },
    });
  }

  /** The PIN typed in the dialog: enrols it, or signs the version with it. */
  submit(pin: string): void {
    if (this.busy() || !this.versionId) return;
    this.problem.set(null);
    this.busy.set(true);
    if (this.mode() === 'enrol') {
      this.api.enrol(pin).subscribe({
        next: (state) => {
          this.busy.set(false);
          this.enrolled.set(true);
          this.applyState(state);
        },
        error: (error: unknown) => this.failed(error),
      });
      return;
    }
    const handlers = this.handlers;
    this.api.sign(this.versionId, pin).subscribe({
      next: (signature) => {
        this.busy.set(false);
        this.open.set(false);
        handlers?.signed(signature);
      },
      error: (error: unknown) => this.failed(error),
    });
  }

  cancel(): void {
    this.open.set(false);
    this.busy.set(false);
    this.problem.set(null);
  }

  private applyState(state: MySigningState): void {
    this.locked.set(state.locked);
    if (!state.certificate) {
      this.mode.set('enrol');
      return;
    }
    this.mode.set('sign');
    if (state.certificate.status !== 'active') {
      this.problem.set({
        code: `certificate_${state.certificate.status}`,
        detail: null,
        fields: [],
      });
    }
  }

  private failed(error: unknown): void {
    this.busy.set(false);
    const problem = toProblem(error);
    switch (problem.code) {
      case 'wrong_pin': {
        const remaining = problemOf(error)?.['remainingAttempts'];
        this.remainingAttempts.set(typeof remaining === 'number' ? remaining : null);
        if (remaining === 0) this.locked.set(true);
        this.problem.set(problem);
        return;
      }
      case 'signing_locked':
        this.locked.set(true);
        this.remainingAttempts.set(0);
        return;
      case 'not_enrolled':
        this.mode.set('enrol');
        this.problem.set(problem);
        return;
      case 'content_incomplete': {
        const incomplete = this.handlers?.incomplete;
        if (incomplete) {
          this.open.set(false);
          incomplete(problemOf(error)?.errors ?? []);
          return;
        }
        this.problem.set(problem);
        return;
      }
      default:
        this.problem.set(problem);
    }
  }
}

function toProblem(error: unknown): SigningProblem {
  const details = problemOf(error);
  const code = statusOf(error) === 0 ? 'network' : (problemCodeOf(error) ?? 'failed');
  return {
    code,
    detail: details?.detail ?? null,
    fields: (details?.errors ?? []).map((e) => e.field),
  };
}
