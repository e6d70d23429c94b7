import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';

/** The page a workspace shows until its first feature lands: its title and a "coming soon" line. */
@Component({
  selector: 'bh-workspace-placeholder',
  imports: [TranslatePipe],
  templateUrl: './workspace-placeholder.html',
  styleUrl: './workspace-placeholder.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkspacePlaceholder {
  /** Translation key of the workspace's title. */
  readonly titleKey = input.required<string>();
  /** Translation key of one sentence saying what the workspace will hold. */
  readonly descriptionKey = input.required<string>();
  /** PrimeIcons class of the workspace (`WorkspaceDefinition.icon`), e.g. `pi pi-heart`. */
  readonly icon = input<string>();
}
