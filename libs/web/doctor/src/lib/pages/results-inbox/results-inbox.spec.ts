import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { InboxEntry, Page } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { anInboxEntry } from '../../../testing/order-fixtures';
import { storeSession } from '../../../testing/session';
import { VI } from '../../../testing/translations';
import { ResultsInbox } from './results-inbox';

describe(ResultsInbox.name, () => {
  let fixture: ComponentFixture<ResultsInbox>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResultsInbox);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  };

  /** After a page turn: the request is open, so the fixture is not stable until it is answered. */
  const turn = async (button: string) => {
    el.querySelector<HTMLButtonElement>(`[data-testid="inbox-paginator"] ${button}`)?.click();
    await new Promise((resolve) => setTimeout(resolve));
  };

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  it('lists a page of new results as the server orders them (critical with a red "Nguy hiểm" flag, abnormal next) and links each to its view', async () => {
    await render();
    backend.expectOne('/api/results/inbox?limit=20&offset=0').flush(
      page([
        anInboxEntry({
          reportId: 'r-k',
          orderId: 'o-1',
          patientName: 'Phạm Minh Tuấn',
          abnormal: true,
          critical: true,
          corrected: true,
          flagged: [
            {
              code: '2823-3',
              display: 'Kali máu',
              valueQuantity: 2.3,
              unit: 'mmol/L',
              valueString: null,
              interpretation: 'LL',
            },
          ],
        }),
        anInboxEntry({
          reportId: 'r-ldl',
          orderId: 'o-2',
          patientName: 'Trần Thị B',
          abnormal: true,
          flagged: [
            {
              code: '22748-8',
              display: 'LDL-Cholesterol',
              valueQuantity: 4.1,
              unit: 'mmol/L',
              valueString: null,
              interpretation: 'H',
            },
          ],
        }),
        anInboxEntry({
          reportId: 'r-normal',
          orderId: 'o-3',
          patientName: 'Lê Văn C',
          issued: '2026-11-27T05:00:00Z',
        }),
      ]),
    );
    await settle();
    const entries = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="inbox-entry"]'));
    expect(entries.map((e) => e.dataset['reportId'])).toEqual(['r-k', 'r-ldl', 'r-normal']);
    expect(entries[0].querySelector('[data-testid="inbox-critical"]')?.textContent?.trim()).toBe('Nguy hiểm');
    expect(entries[0].classList).toContain('bh-inbox__entry--critical');
    expect(entries[0].querySelector('[data-testid="inbox-corrected"]')?.textContent?.trim()).toBe('Đã hiệu chỉnh');
    const text = (e: Element | null | undefined) => e?.textContent?.replace(/\s+/g, ' ').replace(/ \)/g, ')').replace(/\( /g, '(') ?? '';
    expect(text(entries[0].querySelector('[data-testid="inbox-flagged"]'))).toContain('Kali máu: 2,3 mmol/L (Thấp nguy hiểm)');
    expect(entries[0].querySelector('.bh-flag--critical')).not.toBeNull();
    expect(entries[1].querySelector('[data-testid="inbox-abnormal"]')?.textContent?.trim()).toBe('Bất thường');
    expect(text(entries[1].querySelector('.bh-flag--abnormal'))).toContain('LDL-Cholesterol: 4,1 mmol/L (Cao)');
    expect(entries[2].querySelector('[data-testid="inbox-critical"], [data-testid="inbox-abnormal"]')).toBeNull();
    expect(entries[0].querySelector('a')?.getAttribute('href')).toBe('/doctor/orders/o-1/reports/r-k');
  });

  it('says when there is nothing new', async () => {
    await render();
    backend.expectOne('/api/results/inbox?limit=20&offset=0').flush(page([]));
    await settle();
    expect(el.querySelector('[data-testid="inbox-empty"]')?.textContent).toContain('Không có kết quả mới.');
    expect(el.querySelector('[data-testid="inbox-paginator"]')).toBeNull();
  });

  it('pages a long inbox on the server and says how many results wait', async () => {
    await render();
    const entries = (from: number, count: number) => Array.from({ length: count }, (_, i) => anInboxEntry({ reportId: `r-${from + i}`, orderId: `o-${from + i}` }));
    backend.expectOne('/api/results/inbox?limit=20&offset=0').flush(page(entries(0, 20), 45));
    await settle();
    expect(el.querySelector('[data-testid="inbox-count"]')?.textContent?.trim()).toBe('45 kết quả chưa xem');
    expect(el.querySelectorAll('[data-testid="inbox-entry"]')).toHaveLength(20);
    await turn('.p-paginator-last');
    backend.expectOne('/api/results/inbox?limit=20&offset=40').flush(page(entries(40, 5), 45, 40));
    await settle();
    expect(Array.from(el.querySelectorAll<HTMLElement>('[data-testid="inbox-entry"]')).map((e) => e.dataset['reportId'])).toEqual(['r-40', 'r-41', 'r-42', 'r-43', 'r-44']);
    expect(el.querySelector('[data-testid="inbox-paginator"]')?.textContent).toContain('41–45 trên 45 kết quả');
  });

  it('goes back to the last page that has results when those on its page were acknowledged meanwhile', async () => {
    await render();
    backend.expectOne('/api/results/inbox?limit=20&offset=0').flush(page(Array.from({ length: 20 }, (_, i) => anInboxEntry({ reportId: `r-${i}` })), 21));
    await settle();
    await turn('.p-paginator-next');
    backend.expectOne('/api/results/inbox?limit=20&offset=20').flush(page([], 20, 20));
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/results/inbox?limit=20&offset=0').flush(page([anInboxEntry({ reportId: 'r-0' })], 20));
    await settle();
    expect(el.querySelectorAll('[data-testid="inbox-entry"]')).toHaveLength(1);
  });
});

function page(items: InboxEntry[], total = items.length, offset = 0): Page<InboxEntry> {
  return { items, total, limit: 20, offset };
}
