import { TestBed } from '@angular/core/testing';
import type { WardBeds } from '@benhan/shared/contracts';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { BedPicker } from './bed-picker';

const WARDS: WardBeds[] = [
  {
    id: 'w-1',
    code: 'P101',
    name: 'Phòng 101',
    departmentId: 'd-1',
    beds: [
      { id: 'b-1', code: 'G1', occupiedByPatientId: 'p-9' },
      { id: 'b-2', code: 'G2', occupiedByPatientId: null },
    ],
  },
  { id: 'w-2', code: 'P102', name: 'Phòng 102', departmentId: 'd-1', beds: [{ id: 'b-3', code: 'G1', occupiedByPatientId: null }] },
];

describe(BedPicker.name, () => {
  async function render(wards: WardBeds[]) {
    TestBed.configureTestingModule({
      providers: [provideI18nTesting({ vi: { bedPicker: { freeBed: 'Giường {{bed}}, {{ward}}: trống' } } })],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    const fixture = TestBed.createComponent(BedPicker);
    fixture.componentRef.setInput('wards', wards);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const beds = () => Array.from(el.querySelectorAll<HTMLButtonElement>('[data-testid="bed"]'));
    return { fixture, el, beds };
  }

  it('shows every bed per ward and disables the occupied ones', async () => {
    const { el, beds } = await render(WARDS);
    expect(Array.from(el.querySelectorAll('legend')).map((l) => l.textContent)).toEqual(['Phòng 101', 'Phòng 102']);
    expect(beds().map((b) => [b.dataset['bedCode'], b.disabled])).toEqual([
      ['G1', true],
      ['G2', false],
      ['G1', false],
    ]);
  });

  it('selects a free bed, and clears it when clicked again', async () => {
    const { fixture, beds } = await render(WARDS);
    beds()[1].click();
    await fixture.whenStable();
    expect(fixture.componentInstance.selected()).toBe('b-2');
    expect(beds()[1].getAttribute('aria-pressed')).toBe('true');

    beds()[1].click();
    await fixture.whenStable();
    expect(fixture.componentInstance.selected()).toBeNull();
  });

  it('drops the ward code the bed codes repeat, keeping the full code for screen readers', async () => {
    const { beds } = await render([
      { id: 'w-9', code: 'NOI-P1', name: 'Buồng 1', departmentId: 'd-1', beds: [{ id: 'b-9', code: 'NOI-P1-G01', occupiedByPatientId: null }] },
    ]);
    expect(beds()[0].textContent?.trim()).toBe('G01');
    expect(beds()[0].dataset['bedCode']).toBe('NOI-P1-G01');
    expect(beds()[0].getAttribute('aria-label')).toBe('Giường NOI-P1-G01, Buồng 1: trống');
  });

  it('says so when the user has no ward to choose from', async () => {
    const { el, beds } = await render([]);
    expect(beds()).toHaveLength(0);
    expect(el.querySelector('[data-testid="no-wards"]')).not.toBeNull();
  });
});
