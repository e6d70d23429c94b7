import { ChangeDetectionStrategy, Component } from '@angular/core';
import { WORKSPACES } from '@benhan/shared/contracts';
import { WorkspacePlaceholder } from '@benhan/web/ui';
import { _ } from '@ngx-translate/core';

@Component({
  selector: 'bh-doctor-home',
  imports: [WorkspacePlaceholder],
  templateUrl: './doctor-home.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DoctorHome {
  protected readonly titleKey = _('workspacePage.doctor.title');
  protected readonly descriptionKey = _('workspacePage.doctor.description');
  protected readonly icon = WORKSPACES.find((w) => w.key === 'doctor')?.icon;
}
