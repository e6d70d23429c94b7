import { DOCUMENT } from '@angular/common';
import { inject, Injectable, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { PrimeNG } from 'primeng/config';
import { firstValueFrom } from 'rxjs';
import { DEFAULT_LANGUAGE, isLanguage, type Language, LANGUAGES } from './languages';
import { PRIMENG_TRANSLATIONS } from './primeng-translations';

const STORAGE_KEY = 'bh.language';

/**
 * The UI language: Vietnamese unless the user chose English, remembered across sessions in localStorage.
 * PrimeNG's own texts (date-picker month names, "today") follow it.
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly translate = inject(TranslateService);
  private readonly document = inject(DOCUMENT);
  private readonly primeng = inject(PrimeNG, { optional: true });

  readonly languages = LANGUAGES;
  private readonly current = signal<Language>(readStoredLanguage());
  readonly language = this.current.asReadonly();

  /** Loads the remembered language; the app initializer awaits it so no raw key ever flashes on screen. */
  init(): Promise<void> {
    return this.use(this.current());
  }

  async use(language: Language): Promise<void> {
    await firstValueFrom(this.translate.use(language));
    this.current.set(language);
    this.document.documentElement.lang = language;
    this.primeng?.setTranslation(PRIMENG_TRANSLATIONS[language]);
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Storage can be disabled by browser policy; the choice then lasts until the page is reloaded.
    }
  }
}

function readStoredLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}
