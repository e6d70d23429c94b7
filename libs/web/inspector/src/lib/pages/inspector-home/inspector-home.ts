import { ChangeDetectionStrategy, Component } from '@angular/core';
import { WORKSPACES } from '@benhan/shared/contracts';
import { WorkspacePlaceholder } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';

@Component({
  selector: 'bh-inspector-home',
  imports: [WorkspacePlaceholder],
  templateUrl: './inspector-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InspectorHome {
  protected readonly titleKey = _('workspacePage.inspector.title');
  protected readonly descriptionKey = _('workspacePage.inspector.description');
  protected readonly icon = WORKSPACES.find((w) => w.key === 'inspector')?.icon;
}
