import { ChangeDetectionStrategy, Component } from '@angular/core';
import { WORKSPACES } from '@benhan/shared/contracts';
import { WorkspacePlaceholder } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';

@Component({
  selector: 'bh-admin-home',
  imports: [WorkspacePlaceholder],
  templateUrl: './admin-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHome {
  protected readonly titleKey = _('workspacePage.admin.title');
  protected readonly descriptionKey = _('workspacePage.admin.description');
  protected readonly icon = WORKSPACES.find((w) => w.key === 'admin')?.icon;
}
