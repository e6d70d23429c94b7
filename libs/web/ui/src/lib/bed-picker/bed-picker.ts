import { ChangeDetectionStrategy, Component, computed, input, model } from '@angular/core';
import type { WardBeds } from '@benhan/shared/contracts';
import { _, TranslatePipe } from '@ngx-translate/core';

/**
 * The free-bed map: one grid of beds per ward. Occupied beds are shown but disabled; choosing a free bed sets
 * `selected` to its id, choosing it again clears it. Bind it two-way: `[(selected)]="bedId"`.
 */
@Component({
  selector: 'bh-bed-picker',
  imports: [TranslatePipe],
  templateUrl: './bed-picker.html',
  styleUrl: './bed-picker.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BedPicker {
  /** Wards to show, e.g. `/api/wards` filtered to one department. */
  readonly wards = input.required<WardBeds[]>();
  /** Id of the chosen bed, or null. */
  readonly selected = model<string | null>(null);
  readonly disabled = input(false);

  protected readonly freeBedKey = _('bedPicker.freeBed');
  protected readonly occupiedBedKey = _('bedPicker.occupiedBed');
  protected readonly freeCount = computed(() =>
    this.wards().reduce((n, ward) => n + ward.beds.filter((bed) => bed.occupiedByPatientId === null).length, 0),
  );

  /** Bed codes often repeat the ward's (`NOI-P1-G01` in ward `NOI-P1`): inside the ward's grid, `G01` is enough. */
  protected shortCode(ward: WardBeds, bedCode: string): string {
    for (const separator of ['-', '.', ' ']) {
      const prefix = ward.code + separator;
      if (bedCode.startsWith(prefix) && bedCode.length > prefix.length) return bedCode.slice(prefix.length);
    }
    return bedCode;
  }

  protected toggle(bedId: string): void {
    this.selected.set(this.selected() === bedId ? null : bedId);
  }
}
