import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { optionsOf, TranslatedOptionsPipe } from './select-options';

const OUTCOMES = { improved: 'outcome.improved', died: 'outcome.died' } as const;

describe('optionsOf and the bhOptions pipe', () => {
  function setUp(): { pipe: TranslatedOptionsPipe; translate: TranslateService } {
    TestBed.configureTestingModule({
      providers: [
        provideI18nTesting({ vi: { outcome: { improved: 'Đỡ, giảm', died: 'Tử vong' } }, en: { outcome: { improved: 'Improved', died: 'Died' } } }),
        TranslatedOptionsPipe,
      ],
    });
    return { pipe: TestBed.inject(TranslatedOptionsPipe), translate: TestBed.inject(TranslateService) };
  }

  it('lists a label map as options in its order', () => {
    expect(optionsOf(OUTCOMES)).toEqual([
      { value: 'improved', labelKey: 'outcome.improved' },
      { value: 'died', labelKey: 'outcome.died' },
    ]);
  });

  it('gives each option its text in the current language (what the select names it by), and follows a language switch', async () => {
    const { pipe, translate } = setUp();
    await firstValueFrom(translate.use('vi'));
    const options = optionsOf(OUTCOMES);
    const vi = pipe.transform(options);
    expect(vi.map((o) => o.label)).toEqual(['Đỡ, giảm', 'Tử vong']);
    expect(pipe.transform(options)).toBe(vi);
    await firstValueFrom(translate.use('en'));
    expect(pipe.transform(options).map((o) => [o.value, o.label])).toEqual([
      ['improved', 'Improved'],
      ['died', 'Died'],
    ]);
  });
});
