import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';

/** The admin workspace's landing page (`/admin`): what it administers, each area opening its page. */
@Component({
  selector: 'bh-admin-home',
  imports: [RouterLink, TranslatePipe],
  templateUrl: './admin-home.html',
  styleUrl: './admin-home.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminHome {}
