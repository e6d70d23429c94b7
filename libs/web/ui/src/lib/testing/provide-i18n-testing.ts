import { type EnvironmentProviders, type Provider } from '@angular/core';
import { provideTranslateService, TranslateLoader, type TranslationObject } from '@ngx-translate/core';
import { type Observable, of } from 'rxjs';

class StaticLoader implements TranslateLoader {
  constructor(private readonly translations: Record<string, TranslationObject>) {}

  getTranslation(lang: string): Observable<TranslationObject> {
    return of(this.translations[lang] ?? {});
  }
}

/**
 * For unit tests: the translation service with in-memory translations (by default none, so templates
 * render their keys, which makes assertions independent of wording).
 */
export function provideI18nTesting(
  translations: Record<string, TranslationObject> = {},
  lang = 'vi',
): (Provider | EnvironmentProviders)[] {
  return provideTranslateService({ lang, fallbackLang: lang, loader: { provide: TranslateLoader, useValue: new StaticLoader(translations) } });
}
