import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import type { AuditCheckpoint, IntegrityReport } from '@benhan/shared/contracts';
import { AuditApi, type IntegrityFrom } from '@benhan/web/data-access';
import { BH_DATE_TIME_FORMAT, LanguageService, saveBlob } from '@benhan/web/ui';
import { _, TranslatePipe, TranslateService } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { SelectButton } from 'primeng/selectbutton';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { finalize } from 'rxjs';
import { ExportDialog, type ExportPrompt, type ExportSubmit } from '../../components/export-dialog/export-dialog';
import { instantRange, today } from '../../dates';
import { failureMessage, type Translatable } from '../../failure-message';
import { INTEGRITY_MODE_LABELS, INTEGRITY_PROBLEM_LABELS, INTEGRITY_TRIGGER_LABELS, labelOf, optionsOf, type Severity, shortId } from '../../labels';

export const RECENT_RUNS = 20;
export const RECENT_CHECKPOINTS = 20;

const BUNDLE_PROMPT: ExportPrompt = {
  headerKey: _('inspector.integrity.bundleTitle'),
  hintKey: _('inspector.integrity.bundleHint'),
  submitKey: _('inspector.integrity.bundleSubmit'),
  withRange: true,
};

/** A check's result at a glance. */
export interface Verdict {
  key: string;
  severity: Severity;
}

export function verdictOf(report: IntegrityReport): Verdict {
  return report.status === 'OK'
    ? { key: _('inspector.integrity.statusOk'), severity: 'success' }
    : { key: _('inspector.integrity.statusBroken'), severity: 'danger' };
}

/**
 * The audit trail's integrity (`/inspector/integrity`): whether the hash chain still proves that no event was
 * changed, deleted or slipped in. The last check's result first, in green or red, and when broken, the first
 * event found wrong (its number, what is wrong in plain words, the technical detail); "check now" from the last
 * signed checkpoint or from the very first event; the past checks (scheduled and on demand); the checkpoints the
 * facility sealed; and the audit bundle, with a range and a reason, for checking offline with tools/verify-audit.
 */
@Component({
  selector: 'bh-integrity',
  imports: [DatePipe, FormsModule, TranslatePipe, TableModule, Tag, Message, SelectButton, ButtonDirective, ButtonIcon, ButtonLabel, ExportDialog],
  templateUrl: './integrity.html',
  styleUrl: './integrity.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Integrity {
  private readonly api = inject(AuditApi);
  private readonly translate = inject(TranslateService);
  private readonly language = inject(LanguageService).language;

  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly labelOf = labelOf;
  protected readonly shortId = shortId;
  protected readonly verdictOf = verdictOf;
  protected readonly triggerLabels = INTEGRITY_TRIGGER_LABELS;
  protected readonly modeLabels = INTEGRITY_MODE_LABELS;
  protected readonly problemLabels = INTEGRITY_PROBLEM_LABELS;
  /** Labelled in the UI language here rather than by the pipe: the buttons' accessible names use these labels. */
  protected readonly modeOptions = computed(() => {
    this.language();
    return optionsOf(INTEGRITY_MODE_LABELS).map(({ value, labelKey }) => ({ value, label: this.translate.instant(labelKey) as string }));
  });

  private readonly runsResource = rxResource({ stream: () => this.api.integrityRuns(RECENT_RUNS) });
  protected readonly runs = computed<IntegrityReport[]>(() => (this.runsResource.hasValue() ? this.runsResource.value() : []));
  private readonly checkpointsResource = rxResource({ stream: () => this.api.checkpoints(RECENT_CHECKPOINTS) });
  protected readonly checkpoints = computed<AuditCheckpoint[]>(() => (this.checkpointsResource.hasValue() ? this.checkpointsResource.value() : []));
  protected readonly loading = computed(() => this.runsResource.isLoading() || this.checkpointsResource.isLoading());
  protected readonly loadError = computed(() => {
    const error = this.runsResource.error() ?? this.checkpointsResource.error();
    return error ? failureMessage(error) : null;
  });

  /** The answer of "check now", until the runs list has it too. */
  private readonly checked = signal<IntegrityReport | null>(null);
  /** The newest result: the check just made, or the newest run. */
  protected readonly last = computed<IntegrityReport | null>(() => {
    const checked = this.checked();
    const newest = this.runs()[0] ?? null;
    if (!checked) return newest;
    if (!newest) return checked;
    return newest.finishedAt > checked.finishedAt ? newest : checked;
  });

  protected readonly mode = signal<IntegrityFrom>('checkpoint');
  protected readonly running = signal(false);
  protected readonly problem = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  protected readonly bundlePrompt = BUNDLE_PROMPT;
  protected readonly bundleOpen = signal(false);
  protected readonly exporting = signal(false);
  protected readonly bundleProblem = signal<Translatable | null>(null);

  protected selectMode(mode: IntegrityFrom | null): void {
    if (mode) this.mode.set(mode);
  }

  protected runNow(): void {
    if (this.running()) return;
    this.running.set(true);
    this.problem.set(null);
    this.notice.set(null);
    this.api
      .integrity(this.mode())
      .pipe(finalize(() => this.running.set(false)))
      .subscribe({
        next: (report) => {
          this.checked.set(report);
          this.runsResource.reload();
          this.checkpointsResource.reload();
        },
        error: (error: unknown) => this.problem.set(failureMessage(error)),
      });
  }

  protected openBundle(): void {
    this.notice.set(null);
    this.bundleProblem.set(null);
    this.bundleOpen.set(true);
  }

  /** Downloads the events, checkpoints and certificates of the range as one JSON file, with the reason recorded. */
  protected exportBundle({ reason, from, to }: ExportSubmit): void {
    this.exporting.set(true);
    this.bundleProblem.set(null);
    this.api
      .bundle({ ...instantRange(from, to), reason })
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: (blob) => {
          saveBlob(blob, `benhan-audit-bundle-${today()}.json`);
          this.bundleOpen.set(false);
          this.notice.set({ key: _('inspector.integrity.bundleDone') });
        },
        error: (error: unknown) => this.bundleProblem.set(failureMessage(error)),
      });
  }

  protected reload(): void {
    this.runsResource.reload();
    this.checkpointsResource.reload();
  }
}
