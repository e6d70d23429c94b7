import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, map } from 'rxjs';

/** Frame of the nurse workspace: its title and its own menu (the ward, the vital signs round) above the page. */
@Component({
  selector: 'bh-nurse-workspace',
  imports: [RouterOutlet, RouterLink, TranslatePipe],
  templateUrl: './nurse-workspace.html',
  styleUrl: './nurse-workspace.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NurseWorkspace {
  private readonly router = inject(Router);
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => pathOf(e.urlAfterRedirects)),
    ),
    { initialValue: pathOf(this.router.url) },
  );

  /** The ward list is `/nurse`; each patient's care chart belongs to it. */
  protected readonly wardActive = computed(() => {
    const path = this.path();
    return path === '/nurse' || path.startsWith('/nurse/encounters');
  });
  protected readonly roundActive = computed(() => this.path().startsWith('/nurse/round'));
}

function pathOf(url: string): string {
  return url.split(/[?#]/)[0].replace(/\/$/, '');
}
