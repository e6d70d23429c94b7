import { DatePipe } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationInitStatus, LOCALE_ID } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { provideBenhanI18n } from './provide-i18n';

describe('provideBenhanI18n', () => {
  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideBenhanI18n(), DatePipe],
    });
    const init = TestBed.inject(ApplicationInitStatus).donePromise;
    TestBed.inject(HttpTestingController).expectOne('i18n/vi.json').flush({ login: { title: 'Đăng nhập' } });
    await init;
  });

  it('loads the Vietnamese translation file before the app starts', () => {
    expect(TestBed.inject(TranslateService).instant('login.title')).toBe('Đăng nhập');
  });

  it('formats dates as dd/MM/yyyy with a 24-hour clock by default', () => {
    expect(TestBed.inject(LOCALE_ID)).toBe('vi');
    expect(TestBed.inject(DatePipe).transform(new Date(2026, 0, 5, 14, 7))).toBe('05/01/2026 14:07');
  });
});
