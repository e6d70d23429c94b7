import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { _, TranslatePipe } from '@ngx-translate/core';
import { Message } from 'primeng/message';
import { failureMessage } from '../../failure-message';
import { bedOf } from '../../ward';
import { EncounterContext } from './encounter-context';

/**
 * One inpatient's care chart (`/nurse/encounters/:encounterId`): who and where they are, and a tab per part of
 * the chart (vital signs, medication administration, care notes), each a child route.
 */
@Component({
  selector: 'bh-care-chart-page',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, DatePipe, TranslatePipe, Message],
  templateUrl: './care-chart-page.html',
  styleUrl: './care-chart-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [EncounterContext],
})
export class CareChartPage {
  private readonly context = inject(EncounterContext);

  protected readonly encounter = computed(() => (this.context.encounter.hasValue() ? this.context.encounter.value() : null));
  protected readonly loadError = computed(() => {
    const error = this.context.encounter.error();
    return error ? failureMessage(error) : null;
  });
  protected readonly bed = computed(() => {
    const e = this.encounter();
    return e ? bedOf({ wardCode: null, bedCode: e.bedCode }) : '';
  });

  protected readonly tabs = [
    { path: 'vital-signs', labelKey: _('nurse.chart.tabs.vitalSigns'), icon: 'pi pi-chart-line', testId: 'tab-vital-signs' },
    { path: 'medications', labelKey: _('nurse.chart.tabs.medications'), icon: 'pi pi-box', testId: 'tab-medications' },
    { path: 'care-notes', labelKey: _('nurse.chart.tabs.careNotes'), icon: 'pi pi-file-edit', testId: 'tab-care-notes' },
  ];

  protected reload(): void {
    this.context.encounter.reload();
  }
}
