import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { OrderDetail } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { BehaviorSubject, firstValueFrom } from 'rxjs';
import { anObservation, anOrder, aReport } from '../../../testing/order-fixtures';
import { storeSession } from '../../../testing/session';
import { VI } from '../../../testing/translations';
import { ResultView } from './result-view';

describe(ResultView.name, () => {
  let fixture: ComponentFixture<ResultView>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  const q = <T extends Element = HTMLElement>(testId: string) => el.querySelector<T>(`[data-testid="${testId}"]`);
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  };

  async function render(order: OrderDetail, reportId = 'r-1'): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        { provide: ActivatedRoute, useValue: { paramMap: new BehaviorSubject(convertToParamMap({ orderId: order.id, reportId })) } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResultView);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne(`/api/orders/${order.id}`).flush(order);
    await settle();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const labOrder = () =>
    anOrder({
      status: 'completed',
      reports: [
        aReport({
          critical: true,
          observations: [
            anObservation({ id: 'obs-k', code: '2823-3', display: 'Kali máu', valueQuantity: 6.9, referenceRange: { low: 3.5, high: 5, text: null }, interpretation: 'HH', critical: true }),
            anObservation({ id: 'obs-ldl' }),
            anObservation({ id: 'obs-hdl', code: '2085-9', display: 'HDL-Cholesterol', valueQuantity: 1.2, referenceRange: { low: 1, high: null, text: null }, interpretation: 'N' }),
          ],
        }),
      ],
    });

  it('shows each value with its unit, reference range and interpretation colouring; critical ones flagged "Nguy hiểm"', async () => {
    await render(labOrder());
    expect(q('result-critical')?.textContent?.trim()).toBe('Nguy hiểm');
    const rows = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="observation-row"]'));
    expect(rows.map((r) => [r.dataset['code'], r.className])).toEqual([
      ['2823-3', 'bh-flag--critical'],
      ['22748-8', 'bh-flag--abnormal'],
      ['2085-9', 'bh-flag--normal'],
    ]);
    expect(rows.map((r) => r.querySelector('[data-testid="observation-value"]')?.textContent?.trim())).toEqual(['6,9', '4,1', '1,2']);
    expect(rows.map((r) => r.querySelector('[data-testid="observation-range"]')?.textContent?.trim())).toEqual(['3,5–5', '< 3,4', '> 1']);
    expect(rows[0].querySelector('[data-testid="observation-interpretation"]')?.textContent).toContain('Nguy hiểm');
    expect(rows[0].querySelector('[data-testid="observation-interpretation"]')?.textContent).toContain('Cao nguy hiểm');
    expect(rows[1].textContent).toContain('mmol/L');
  });

  it('acknowledges the report', async () => {
    await render(labOrder());
    q<HTMLButtonElement>('result-acknowledge')?.click();
    const ack = backend.expectOne({ method: 'POST', url: '/api/results/r-1/acknowledge' });
    ack.flush(aReport({ critical: true, acknowledgedAt: '2026-11-27T03:00:00.000Z', acknowledgedBy: 'u-1' }));
    await settle();
    expect(q('result-acknowledge')).toBeNull();
    expect(q('result-acknowledged')?.textContent).toContain('Đã xem lúc');
  });

  it('marks a correction and its corrected values, and links the superseded report to the current one', async () => {
    const order = anOrder({
      status: 'completed',
      reports: [
        aReport({ id: 'r-old', supersededById: 'r-new', acknowledgedAt: '2026-11-27T03:00:00.000Z' }),
        aReport({ id: 'r-new', status: 'corrected', supersedesId: 'r-old', observations: [anObservation({ id: 'obs-2', status: 'corrected', supersedesId: 'obs-1' })] }),
      ],
    });
    await render(order, 'r-new');
    expect(q('result-corrected')?.textContent?.trim()).toBe('Đã hiệu chỉnh');
    expect(q('observation-corrected')?.textContent?.trim()).toBe('Đã hiệu chỉnh');
    expect(q('result-correction-of')).not.toBeNull();
  });

  it('shows an imaging report’s findings and conclusion with "Mở trên PACS" in a new tab', async () => {
    const url = 'https://pacs.benhan.local/viewer?StudyInstanceUIDs=1.2.3';
    await render(
      anOrder({
        category: 'imaging',
        status: 'completed',
        reports: [
          aReport({
            category: 'imaging',
            abnormal: false,
            observations: [],
            findings: 'Đám mờ thuỳ dưới phổi phải.',
            conclusion: 'Viêm phổi thuỳ dưới phải.',
            study: { id: 's-1', studyInstanceUid: '1.2.3', modality: 'CR', status: 'available', seriesCount: 1, instanceCount: 1, startedAt: null, endpointUrl: url, version: 1 },
          }),
        ],
      }),
    );
    expect(q('result-findings')?.textContent).toContain('Đám mờ thuỳ dưới phổi phải.');
    expect(q('result-conclusion')?.textContent).toContain('Viêm phổi thuỳ dưới phải.');
    const pacs = q<HTMLAnchorElement>('result-pacs');
    expect(pacs?.textContent).toContain('Mở trên PACS');
    expect([pacs?.getAttribute('href'), pacs?.getAttribute('target'), pacs?.getAttribute('rel')]).toEqual([url, '_blank', 'noopener noreferrer']);
  });

  it('shows a test’s trend for the patient as a table and a line, oldest first', async () => {
    await render(labOrder());
    el.querySelectorAll<HTMLButtonElement>('[data-testid="observation-trend"]')[0].click();
    fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve));
    backend.expectOne('/api/patients/p-1/observations?code=2823-3').flush([
      anObservation({ id: 't-2', code: '2823-3', display: 'Kali máu', valueQuantity: 6.9, interpretation: 'HH', effectiveAt: '2026-11-27T00:05:00.000Z' }),
      anObservation({ id: 't-1', code: '2823-3', display: 'Kali máu', valueQuantity: 4.2, interpretation: 'N', effectiveAt: '2026-11-20T00:05:00.000Z' }),
    ]);
    await settle();
    const rows = Array.from(el.querySelectorAll<HTMLElement>('[data-testid="trend-row"]'));
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('4,2'), expect.stringContaining('6,9')]);
    expect(rows[1].className).toBe('bh-flag--critical');
    expect(el.querySelectorAll('[data-testid="trend-chart"] circle')).toHaveLength(2);
    expect(el.querySelector('[data-testid="trend-chart"] polyline')?.getAttribute('points')).toMatch(/^[\d.]+,[\d.]+ [\d.]+,[\d.]+$/);
  });
});
