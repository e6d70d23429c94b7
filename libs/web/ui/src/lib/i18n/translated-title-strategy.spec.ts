import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { LanguageService } from './language.service';
import { TranslatedTitleStrategy } from './translated-title-strategy';

@Component({ selector: 'bh-blank', template: '' })
class Blank {}

describe(TranslatedTitleStrategy.name, () => {
  it('translates route titles and follows language switches', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'doctor', title: 'workspace.doctor', component: Blank }]),
        provideI18nTesting({
          vi: { app: { name: 'Benhan' }, workspace: { doctor: 'Bác sĩ' } },
          en: { app: { name: 'Benhan' }, workspace: { doctor: 'Doctor' } },
        }),
        { provide: TitleStrategy, useExisting: TranslatedTitleStrategy },
      ],
    });
    await TestBed.inject(LanguageService).init();
    const harness = await RouterTestingHarness.create('/doctor');
    expect(TestBed.inject(Title).getTitle()).toBe('Bác sĩ · Benhan');

    await TestBed.inject(LanguageService).use('en');
    harness.detectChanges();
    TestBed.tick();
    expect(TestBed.inject(Title).getTitle()).toBe('Doctor · Benhan');
  });
});
