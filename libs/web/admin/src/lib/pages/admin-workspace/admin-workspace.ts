import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, map } from 'rxjs';

/** Frame of the admin workspace: its title and its own menu (overview, the form registry) above the page. */
@Component({
  selector: 'bh-admin-workspace',
  imports: [RouterOutlet, RouterLink, TranslatePipe],
  templateUrl: './admin-workspace.html',
  styleUrl: './admin-workspace.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminWorkspace {
  private readonly router = inject(Router);
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => pathOf(e.urlAfterRedirects)),
    ),
    { initialValue: pathOf(this.router.url) },
  );

  protected readonly homeActive = computed(() => this.path() === '/admin');
  protected readonly formsActive = computed(() => this.path().startsWith('/admin/forms'));
}

function pathOf(url: string): string {
  return url.split(/[?#]/)[0].replace(/\/$/, '');
}
