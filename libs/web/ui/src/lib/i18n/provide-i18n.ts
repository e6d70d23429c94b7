import { DATE_PIPE_DEFAULT_OPTIONS, type DatePipeConfig } from '@angular/common';
import { type EnvironmentProviders, inject, LOCALE_ID, provideAppInitializer, type Provider } from '@angular/core';
import { TitleStrategy } from '@angular/router';
import { provideTranslateService } from '@ngx-translate/core';
import { provideTranslateHttpLoader } from '@ngx-translate/http-loader';
import { BH_LOCALE } from '../formats/vn-format';
import { BH_DATE_TIME_FORMAT } from './date-formats';
import { LanguageService } from './language.service';
import { DEFAULT_LANGUAGE } from './languages';
import { TranslatedTitleStrategy } from './translated-title-strategy';

/**
 * Runtime i18n for the web app (ngx-translate): translations are fetched from `/i18n/<lang>.json`, so a
 * language switch needs no rebuild and no reload.
 *
 * Angular's own LOCALE_ID stays Vietnamese in both UI languages: number and date formats follow the
 * hospital's paperwork, not the reader's language.
 */
export function provideBenhanI18n(): (Provider | EnvironmentProviders)[] {
  return [
    provideTranslateService({
      fallbackLang: DEFAULT_LANGUAGE,
      loader: provideTranslateHttpLoader({
        prefix: 'i18n/',
        suffix: '.json',
        // Straight to the backend: translation files are public and must not wait on token refreshes.
        useHttpBackend: true,
      }),
    }),
    { provide: LOCALE_ID, useValue: BH_LOCALE },
    { provide: DATE_PIPE_DEFAULT_OPTIONS, useValue: { dateFormat: BH_DATE_TIME_FORMAT } satisfies DatePipeConfig },
    { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
    provideAppInitializer(() => inject(LanguageService).init()),
  ];
}
