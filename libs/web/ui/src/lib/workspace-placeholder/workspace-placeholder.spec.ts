import { TestBed } from '@angular/core/testing';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { WorkspacePlaceholder } from './workspace-placeholder';

describe(WorkspacePlaceholder.name, () => {
  it('shows the translated title, description and a coming-soon line', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideI18nTesting({
          vi: { ws: { title: 'Bác sĩ', description: 'Hồ sơ bệnh án' }, workspace: { comingSoon: 'Sắp ra mắt.' } },
        }),
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    const fixture = TestBed.createComponent(WorkspacePlaceholder);
    fixture.componentRef.setInput('titleKey', 'ws.title');
    fixture.componentRef.setInput('descriptionKey', 'ws.description');
    fixture.componentRef.setInput('icon', 'pi pi-heart');
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;

    expect(el.querySelector('h1')?.textContent).toBe('Bác sĩ');
    expect(el.textContent).toContain('Hồ sơ bệnh án');
    expect(el.querySelector('[data-testid="coming-soon"]')?.textContent).toBe('Sắp ra mắt.');
    expect(el.querySelector('i')?.className).toContain('pi-heart');
  });
});
