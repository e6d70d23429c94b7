import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import type { EncounterCompleteness } from '@benhan/shared/contracts';
import { LanguageService } from '@benhan/web/ui';
import { TranslatePipe } from '@ngx-translate/core';

/** What keeps a record from being archived: the three lists of the completeness check (or of a 409 `record_incomplete`). */
export type CompletenessGaps = Pick<EncounterCompleteness, 'missing' | 'awaitingSignature' | 'incompleteDrafts'>;

/** Lists what a record still lacks: required documents, signatures awaited, drafts missing required content. */
@Component({
  selector: 'bh-completeness-list',
  imports: [TranslatePipe],
  templateUrl: './completeness-list.html',
  styleUrl: './completeness-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompletenessList {
  readonly gaps = input.required<CompletenessGaps>();
  protected readonly language = inject(LanguageService).language;
}

/** How many things are missing in all, for a summary ("3 missing"). */
export function gapCount(gaps: CompletenessGaps): number {
  return gaps.missing.length + gaps.awaitingSignature.length + gaps.incompleteDrafts.length;
}
