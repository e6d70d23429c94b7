import { effect, inject, Injectable, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { TranslateService } from '@ngx-translate/core';

/**
 * Route `title`s are translation keys; this strategy shows them translated as "<page> · Benhan" and
 * re-translates the tab title when the language changes.
 */
@Injectable({ providedIn: 'root' })
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly translate = inject(TranslateService);
  private readonly pageKey = signal<string | null>(null);
  private readonly appName = this.translate.translate('app.name');
  private readonly pageTitle = this.translate.translate(() => this.pageKey() ?? 'app.name');

  constructor() {
    super();
    effect(() => {
      const appName = String(this.appName());
      this.title.setTitle(this.pageKey() ? `${String(this.pageTitle())} · ${appName}` : appName);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.pageKey.set(this.buildTitle(snapshot) ?? null);
  }
}
