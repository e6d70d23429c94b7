import { TestBed } from '@angular/core/testing';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { LanguageService } from '../i18n/language.service';
import { LanguageSwitch } from './language-switch';

describe(LanguageSwitch.name, () => {
  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideI18nTesting({
          vi: { language: { vi: 'Tiếng Việt', en: 'English', label: 'Ngôn ngữ' } },
          en: { language: { vi: 'Tiếng Việt', en: 'English', label: 'Language' } },
        }),
      ],
    });
    await TestBed.inject(LanguageService).init();
  });

  it('offers Vietnamese and English, each named in itself, with Vietnamese pressed', async () => {
    const fixture = TestBed.createComponent(LanguageSwitch);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('[data-testid="lang-vi"]')?.textContent?.trim()).toBe('Tiếng Việt');
    expect(el.querySelector('[data-testid="lang-en"]')?.textContent?.trim()).toBe('English');
    expect(el.querySelector('[data-testid="lang-vi"]')?.getAttribute('aria-pressed')).toBe('true');
  });

  it('switches the language when English is clicked', async () => {
    const fixture = TestBed.createComponent(LanguageSwitch);
    await fixture.whenStable();
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('[data-testid="lang-en"]')?.click();
    await fixture.whenStable();

    expect(TestBed.inject(LanguageService).language()).toBe('en');
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="lang-en"]')?.getAttribute('aria-pressed'),
    ).toBe('true');
  });
});
