import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { FieldProblem } from '@benhan/shared/validation';
import { TranslatePipe } from '@ngx-translate/core';
import { problemMessage } from './problem-messages';

/**
 * The problems of one form field, translated by their code, under the field. Give the element the id the
 * field's `aria-describedby` points at, so screen readers read the problem with the field.
 */
@Component({
  selector: 'bh-field-problems',
  imports: [TranslatePipe],
  templateUrl: './field-problems.html',
  styleUrl: './field-problems.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-live': 'polite' },
})
export class FieldProblems {
  readonly problems = input<readonly FieldProblem[] | undefined>([]);

  protected readonly messages = computed(() => (this.problems() ?? []).map(problemMessage));
}
