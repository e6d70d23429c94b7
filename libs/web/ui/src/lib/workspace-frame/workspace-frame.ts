import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, type Data, NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, map } from 'rxjs';

/** One link of a workspace's menu. */
export interface WorkspaceTab {
  /** Absolute router link, e.g. `/doctor/census`. */
  readonly link: string;
  /** PrimeIcons classes, e.g. `pi pi-users`. */
  readonly icon: string;
  /** Translation key of the label; mark it with `_()` so the translation test finds it. */
  readonly labelKey: string;
  /** `data-testid` of the link, e.g. `nav-census`. */
  readonly testId: string;
  /** Whether the tab is current, given the URL's path (no query, fragment or trailing slash), e.g. `/doctor/census`. */
  readonly activeWhen: (path: string) => boolean;
}

/** What a workspace shows above its pages: its title and its own menu. */
export interface WorkspaceFrameConfig {
  /** Translation key of the workspace title (`<h1>`). */
  readonly titleKey: string;
  /** Translation key of the menu's accessible name. */
  readonly navLabelKey: string;
  readonly tabs: readonly WorkspaceTab[];
}

const CONFIG_KEY = 'workspaceFrame';

/** Route data for a route whose component is `WorkspaceFrame`: `data: workspaceFrameData({ titleKey, … })`. */
export function workspaceFrameData(config: WorkspaceFrameConfig): Data {
  return { [CONFIG_KEY]: config };
}

/** The path of a router URL, as `WorkspaceTab.activeWhen` receives it: `/doctor/census/?q=1#x` → `/doctor/census`. */
export function urlPath(url: string): string {
  return url.split(/[?#]/)[0].replace(/\/$/, '');
}

/**
 * Frame of a workspace: its title and its menu of tabs above the page (`<router-outlet />`). Use it as the
 * component of the workspace's root route, configured by route data (`workspaceFrameData`). The tab whose
 * `activeWhen` matches the current URL is marked `aria-current="page"`. The header is not printed.
 */
@Component({
  selector: 'bh-workspace-frame',
  imports: [RouterOutlet, RouterLink, TranslatePipe],
  templateUrl: './workspace-frame.html',
  styleUrl: './workspace-frame.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkspaceFrame {
  private readonly router = inject(Router);
  protected readonly config = frameConfig(inject(ActivatedRoute).snapshot.data);
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => urlPath(e.urlAfterRedirects)),
    ),
    { initialValue: urlPath(this.router.url) },
  );
  protected readonly currentTabs = computed(() => {
    const path = this.path();
    return new Set(this.config.tabs.filter((tab) => tab.activeWhen(path)));
  });
}

function frameConfig(data: Data): WorkspaceFrameConfig {
  const config = data[CONFIG_KEY] as WorkspaceFrameConfig | undefined;
  if (!config) throw new Error('WorkspaceFrame: the route has no data: workspaceFrameData({ titleKey, navLabelKey, tabs })');
  return config;
}
