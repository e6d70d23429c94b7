import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, map } from 'rxjs';

/** Frame of the doctor workspace: its title and its own menu (patients, ward census) above the page. */
@Component({
  selector: 'bh-doctor-workspace',
  imports: [RouterOutlet, RouterLink, TranslatePipe],
  templateUrl: './doctor-workspace.html',
  styleUrl: './doctor-workspace.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DoctorWorkspace {
  private readonly router = inject(Router);
  private readonly path = toSignal(
    this.router.events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => pathOf(e.urlAfterRedirects)),
    ),
    { initialValue: pathOf(this.router.url) },
  );

  /** The patient search is `/doctor`; patient pages and the registration form belong to it too. */
  protected readonly patientsActive = computed(() => {
    const path = this.path();
    return path === '/doctor' || path.startsWith('/doctor/patients');
  });
  protected readonly censusActive = computed(() => this.path().startsWith('/doctor/census'));
}

function pathOf(url: string): string {
  return url.split(/[?#]/)[0].replace(/\/$/, '');
}
