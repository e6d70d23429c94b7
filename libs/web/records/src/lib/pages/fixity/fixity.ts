import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { FixityRun } from '@benhan/shared/contracts';
import { ArchiveApi } from '@benhan/web/data-access';
import { BH_DATE_TIME_FORMAT } from '@benhan/web/ui';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonIcon, ButtonLabel } from 'primeng/button';
import { Message } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { Tag } from 'primeng/tag';
import { finalize } from 'rxjs';
import { failureMessage, type Translatable } from '../../failure-message';
import { fileSize, FIXITY_TRIGGER_LABELS, fixityTag, labelOf, type Severity } from '../../labels';
import { RecordsStore } from '../../records.store';

const RECENT_RUNS = 20;

/**
 * Fixity (`/records/fixity`): whether every stored archive file still has the SHA-256 it was archived with. The
 * last run's counts and each problem (file missing or changed, with the archive it belongs to), a "check now"
 * for the records office, and the recent runs. Runs also happen on a schedule.
 */
@Component({
  selector: 'bh-fixity',
  imports: [DatePipe, RouterLink, TranslatePipe, TableModule, Tag, Message, ButtonDirective, ButtonIcon, ButtonLabel],
  templateUrl: './fixity.html',
  styleUrl: './fixity.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Fixity {
  private readonly api = inject(ArchiveApi);
  protected readonly store = inject(RecordsStore);

  protected readonly dateTime = BH_DATE_TIME_FORMAT;
  protected readonly fixityTag = fixityTag;
  protected readonly triggerLabels = FIXITY_TRIGGER_LABELS;
  protected readonly labelOf = labelOf;
  protected readonly fileSize = fileSize;

  private readonly runsResource = rxResource({ stream: () => this.api.fixityRuns(RECENT_RUNS) });
  protected readonly runs = computed<FixityRun[]>(() => (this.runsResource.hasValue() ? this.runsResource.value() : []));
  protected readonly last = computed<FixityRun | null>(() => this.runs()[0] ?? null);
  protected readonly loading = this.runsResource.isLoading;
  protected readonly loadError = computed(() => {
    const error = this.runsResource.error();
    return error ? failureMessage(error) : null;
  });

  protected readonly running = signal(false);
  protected readonly problem = signal<Translatable | null>(null);
  protected readonly notice = signal<Translatable | null>(null);

  /** A run's result at a glance: still running, all intact, or how many problems. */
  protected verdict(run: FixityRun): { key: string; severity: Severity; count: number } {
    if (!run.finishedAt) return { key: _('records.fixity.inProgress'), severity: 'info', count: 0 };
    if (run.problems.length === 0) return { key: _('records.fixity.allOk'), severity: 'success', count: 0 };
    return { key: _('records.fixity.problemCount'), severity: 'danger', count: run.problems.length };
  }

  protected runNow(): void {
    if (this.running()) return;
    this.running.set(true);
    this.problem.set(null);
    this.notice.set(null);
    this.api
      .runFixity()
      .pipe(finalize(() => this.running.set(false)))
      .subscribe({
        next: (run) => {
          this.notice.set({ key: _('records.fixity.ranNotice'), params: { checked: String(run.checked), problems: String(run.problems.length) } });
          this.runsResource.reload();
        },
        error: (error: unknown) => this.problem.set(failureMessage(error)),
      });
  }

  protected reload(): void {
    this.runsResource.reload();
  }
}
