import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { _, TranslatePipe } from '@ngx-translate/core';
import { ButtonDirective, ButtonLabel } from 'primeng/button';
import { LanguageService } from '../i18n/language.service';
import type { Language } from '../i18n/languages';

/** Vietnamese / English toggle; each language is named in itself so a lost reader can find their own. */
@Component({
  selector: 'bh-language-switch',
  imports: [ButtonDirective, ButtonLabel, TranslatePipe],
  templateUrl: './language-switch.html',
  styleUrl: './language-switch.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LanguageSwitch {
  private readonly languageService = inject(LanguageService);

  protected readonly language = this.languageService.language;
  protected readonly options: readonly { code: Language; labelKey: string }[] = [
    { code: 'vi', labelKey: _('language.vi') },
    { code: 'en', labelKey: _('language.en') },
  ];

  protected select(language: Language): void {
    void this.languageService.use(language);
  }
}
