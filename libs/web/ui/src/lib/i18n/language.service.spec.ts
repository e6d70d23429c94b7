import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { PrimeNG } from 'primeng/config';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { LanguageService } from './language.service';

describe(LanguageService.name, () => {
  function create(): LanguageService {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [provideI18nTesting({ vi: { hello: 'Xin chào' }, en: { hello: 'Hello' } })],
    });
    return TestBed.inject(LanguageService);
  }

  beforeEach(() => localStorage.clear());

  it('defaults to Vietnamese', async () => {
    const service = create();
    await service.init();
    expect(service.language()).toBe('vi');
    expect(TestBed.inject(TranslateService).instant('hello')).toBe('Xin chào');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('vi');
  });

  it('switches to English at runtime and remembers the choice in localStorage', async () => {
    const service = create();
    await service.init();
    await service.use('en');

    expect(service.language()).toBe('en');
    expect(TestBed.inject(TranslateService).instant('hello')).toBe('Hello');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect(localStorage.getItem('bh.language')).toBe('en');
  });

  it('gives PrimeNG the Vietnamese month names, and the English ones after a switch', async () => {
    const service = create();
    await service.init();
    const primeng = TestBed.inject(PrimeNG);
    expect(primeng.getTranslation('monthNames')[0]).toBe('Tháng 1');
    expect(primeng.getTranslation('today')).toBe('Hôm nay');

    await service.use('en');
    expect(primeng.getTranslation('monthNames')[0]).toBe('January');
  });

  it('starts in the remembered language', async () => {
    localStorage.setItem('bh.language', 'en');
    const service = create();
    await service.init();
    expect(service.language()).toBe('en');
    expect(TestBed.inject(TranslateService).instant('hello')).toBe('Hello');
  });

  it('ignores an unknown remembered language', async () => {
    localStorage.setItem('bh.language', 'fr');
    const service = create();
    await service.init();
    expect(service.language()).toBe('vi');
  });
});
