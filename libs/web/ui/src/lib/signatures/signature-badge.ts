import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { Tag } from 'primeng/tag';
import { SIGNATURE_BADGE_LABELS, type SignatureBadgeState } from './signature-model';

const LOOKS: Record<SignatureBadgeState, { severity: 'success' | 'danger' | 'warn' | 'secondary'; icon: string }> = {
  valid: { severity: 'success', icon: 'pi pi-verified' },
  invalid: { severity: 'danger', icon: 'pi pi-times-circle' },
  indeterminate: { severity: 'warn', icon: 'pi pi-question-circle' },
  pending: { severity: 'secondary', icon: 'pi pi-clock' },
};

/**
 * A signature's state at a glance: valid (green, "Chữ ký hợp lệ"), invalid (red), undecided (amber), or a step still
 * awaited (grey, "Chờ ký: <label>"). `label` is the awaited step's label, or the signer's name shown as a tooltip.
 */
@Component({
  selector: 'bh-signature-badge',
  imports: [Tag, TranslatePipe],
  templateUrl: './signature-badge.html',

  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignatureBadge {
  readonly state = input.required<SignatureBadgeState>();
  readonly label = input('');

  protected readonly look = computed(() => LOOKS[this.state()]);
  protected readonly text = computed(() => SIGNATURE_BADGE_LABELS[this.state()]);
}
