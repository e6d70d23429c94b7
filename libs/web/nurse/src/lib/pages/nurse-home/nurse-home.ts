import { ChangeDetectionStrategy, Component } from '@angular/core';
import { WORKSPACES } from '@benhan/shared/contracts';
import { WorkspacePlaceholder } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';

@Component({
  selector: 'bh-nurse-home',
  imports: [WorkspacePlaceholder],
  templateUrl: './nurse-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NurseHome {
  protected readonly titleKey = _('workspacePage.nurse.title');
  protected readonly descriptionKey = _('workspacePage.nurse.description');
  protected readonly icon = WORKSPACES.find((w) => w.key === 'nurse')?.icon;
}
