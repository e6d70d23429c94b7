import { ChangeDetectionStrategy, Component } from '@angular/core';
import { WORKSPACES } from '@benhan/shared/contracts';
import { WorkspacePlaceholder } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';

@Component({
  selector: 'bh-records-home',
  imports: [WorkspacePlaceholder],
  templateUrl: './records-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordsHome {
  protected readonly titleKey = _('workspacePage.records.title');
  protected readonly descriptionKey = _('workspacePage.records.description');
  protected readonly icon = WORKSPACES.find((w) => w.key === 'records')?.icon;
}
