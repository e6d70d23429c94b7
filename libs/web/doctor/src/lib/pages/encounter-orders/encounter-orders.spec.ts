import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import type { Icd10Code } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom, of } from 'rxjs';
import { anEncounter } from '../../../testing/fixtures';
import { aLabCatalogue, anOrder } from '../../../testing/order-fixtures';
import { storeSession } from '../../../testing/session';
import { VI } from '../../../testing/translations';
import { Icd10Input } from '../../components/icd10-input/icd10-input';
import { EncounterOrders } from './encounter-orders';

describe(EncounterOrders.name, () => {
  let fixture: ComponentFixture<EncounterOrders>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  const q = <T extends Element = HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`);
  const all = (testId: string) => Array.from(el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`));
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    await fixture.whenStable();
  };
  const type = async (testId: string, value: string) => {
    const input = q<HTMLInputElement>(testId);
    if (!input) throw new Error(`no ${testId}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };

  /** Picks an ICD-10 code in the reason's autocomplete (its own spec covers the search). */
  const pickIcd10 = async (code: string) => {
    const input = fixture.debugElement.query(By.directive(Icd10Input)).componentInstance as Icd10Input;
    input.value.set({ code, titleVi: `Bệnh ${code}` } as Icd10Code);
    await settle();
  };

  async function render(orders = [anOrder({ id: 'o-0', status: 'completed', createdAt: '2026-11-26T01:00:00.000Z' })]): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        { provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id: 'e-1' })) } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EncounterOrders);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/encounters/e-1').flush(anEncounter());
    backend.expectOne({ method: 'GET', url: '/api/encounters/e-1/orders' }).flush(orders);
    backend.expectOne('/api/order-catalogue/lab').flush(aLabCatalogue());
    backend.expectOne('/api/order-catalogue/imaging').flush([
      { serviceCode: 'CDHA-XQ-NGUC', loinc: '36643-5', name: { vi: 'X-quang ngực thẳng', en: 'Chest X-ray' }, modality: 'CR', bodySite: { code: '51185008', display: 'Thoracic structure' } },
    ]);
    await settle();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  it('lists the encounter’s orders with their Vietnamese status tags', async () => {
    await render([
      anOrder({ id: 'o-1', status: 'active', createdAt: '2026-11-27T02:00:00.000Z' }),
      anOrder({ id: 'o-2', status: 'revoked', statusReason: 'Đã làm sáng nay', createdAt: '2026-11-27T01:00:00.000Z' }),
    ]);
    const rows = all('order-row');
    expect(rows.map((r) => r.querySelector('[data-testid="order-status"]')?.textContent?.trim())).toEqual(['Đã gửi', 'Đã huỷ']);
    expect(rows[1].textContent).toContain('Lý do huỷ: Đã làm sáng nay');
    expect(rows[0].querySelector('[data-testid="order-revoke"]')).not.toBeNull();
    expect(rows[1].querySelector('[data-testid="order-revoke"]')).toBeNull();
  });

  it('shows what the lab says of the specimens under an order in progress', async () => {
    const specimen = {
      id: 'sp-1',
      orderId: 'o-1',
      patientId: 'p-1',
      encounterId: 'e-1',
      sourceSystem: 'lis',
      accession: 'LIS-SP-0001',
      status: 'unsatisfactory' as const,
      typeCode: 'SER',
      typeDisplay: 'Huyết thanh',
      collectedAt: null,
      receivedAt: '2026-11-28T01:30:00.000Z',
      collector: null,
      note: 'Mẫu vỡ hồng cầu',
      version: 2,
      updatedAt: '2026-11-28T01:40:00.000Z',
    };
    await render([anOrder({ id: 'o-1', status: 'in_progress', specimens: [specimen] })]);
    const text = all('order-specimens')[0]?.textContent?.replace(/\s+/g, ' ').trim();
    // The time is shown in the browser's zone (Asia/Ho_Chi_Minh on the wards; whatever the test machine has here).
    expect(text).toMatch(/^Bệnh phẩm: Huyết thanh \(LIS-SP-0001\) — không đạt · nhận lúc 28\/11\/2026 \d{2}:30 · Mẫu vỡ hồng cầu$/);
    expect(all('order-row')[0].querySelector('[data-testid="order-status"]')?.textContent?.trim()).toBe('Đang thực hiện');
  });

  it('filters the picker by Vietnamese name and shows a panel’s members; imaging shows modality and body site', async () => {
    await render();
    await type('order-search', 'mỡ máu');
    const picks = all('order-pick');
    expect(picks.map((p) => p.dataset['serviceCode'])).toEqual(['SH-LIPID']);
    expect(picks[0].querySelector('[data-testid="order-pick-members"]')?.textContent).toContain('Cholesterol toàn phần, LDL-Cholesterol');
    q<HTMLButtonElement>('order-category-imaging')?.click();
    await settle();
    expect(all('order-pick').map((p) => p.textContent)).toEqual([expect.stringMatching(/X-quang ngực thẳng[\s\S]*CR · Thoracic structure/)]);
  });

  it('places the order it shows, then signs it with the PIN: activation flows through the PIN dialog', async () => {
    await render();
    await type('order-search', 'bo mo mau');
    all('order-pick')[0].click();
    await settle();
    await type('order-search', 'kali');
    all('order-pick')[0].click();
    await settle();
    expect(all('order-selected-item').map((i) => i.dataset['serviceCode'])).toEqual(['SH-LIPID', 'SH-K']);
    q<HTMLInputElement>('order-priority-urgent')?.click();
    await pickIcd10('E78.5');
    await type('order-reason-text', 'Rối loạn lipid máu');
    q<HTMLButtonElement>('order-place')?.click();

    const place = backend.expectOne({ method: 'POST', url: '/api/encounters/e-1/orders' });
    expect(place.request.body).toEqual({
      category: 'laboratory',
      priority: 'urgent',
      items: ['SH-LIPID', 'SH-K'],
      reason: { code: 'E78.5', text: 'Rối loạn lipid máu' },
      clinicalNote: null,
    });
    place.flush(anOrder({ id: 'o-new' }), { status: 201, statusText: 'Created' });
    await settle();

    // The PIN dialog opens on the new draft; a wrong PIN is refused with the attempts left.
    expect(q('pin-step')?.textContent).toContain('Phiếu chỉ định cận lâm sàng');
    await type('pin-input', '000000');
    q<HTMLButtonElement>('pin-submit')?.click();
    const wrong = backend.expectOne({ method: 'POST', url: '/api/orders/o-new/activate' });
    expect(wrong.request.body).toEqual({ pin: '000000' });
    wrong.flush({ type: 'https://benhan.dev/problems/wrong_pin', title: 'Forbidden', status: 403, remainingAttempts: 4 }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(q('pin-remaining')?.textContent).toContain('4');

    await type('pin-input', '123456');
    q<HTMLButtonElement>('pin-submit')?.click();
    const activate = backend.expectOne({ method: 'POST', url: '/api/orders/o-new/activate' });
    expect(activate.request.body).toEqual({ pin: '123456' });
    activate.flush(anOrder({ id: 'o-new', status: 'active' }));
    await settle();
    expect(q('pin-input')).toBeNull();
    expect(q('orders-notice')?.textContent).toContain('Đã ký và gửi chỉ định.');
    expect(all('order-status').map((s) => s.textContent?.trim())).toEqual(['Đã gửi', 'Hoàn thành']);
  });

  it('asks for at least one service, and shows the server’s field errors next to their fields', async () => {
    await render();
    q<HTMLButtonElement>('order-place')?.click();
    await settle();
    expect(q('order-items-error')?.textContent).toContain('Chọn ít nhất một dịch vụ.');

    await type('order-search', 'kali');
    all('order-pick')[0].click();
    await pickIcd10('E78.5');
    q<HTMLButtonElement>('order-place')?.click();
    backend
      .expectOne({ method: 'POST', url: '/api/encounters/e-1/orders' })
      .flush(
        { type: 'https://benhan.dev/problems/validation_failed', title: 'Bad Request', status: 400, errors: [{ field: 'reason.code', message: 'Mã ICD-10 không dùng được làm lý do chỉ định' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await settle();
    expect(q('order-reason-code-error')?.textContent).toContain('Mã ICD-10 không dùng được làm lý do chỉ định');
    expect(q('pin-input')).toBeNull();
  });

  it('revokes an order with a reason, which it requires', async () => {
    await render([anOrder({ id: 'o-1', status: 'active' })]);
    q<HTMLButtonElement>('order-revoke')?.click();
    await settle();
    q<HTMLButtonElement>('order-cancel-confirm')?.click();
    await settle();
    expect(q('order-cancel-error')?.textContent).toContain('Nhập lý do.');
    const reason = q<HTMLTextAreaElement>('order-cancel-reason');
    if (!reason) throw new Error('no reason field');
    reason.value = 'Bệnh nhân đã làm xét nghiệm sáng nay';
    reason.dispatchEvent(new Event('input'));
    await settle();
    q<HTMLButtonElement>('order-cancel-confirm')?.click();
    const revoke = backend.expectOne({ method: 'POST', url: '/api/orders/o-1/revoke' });
    expect(revoke.request.body).toEqual({ reason: 'Bệnh nhân đã làm xét nghiệm sáng nay' });
    revoke.flush(anOrder({ id: 'o-1', status: 'revoked' }));
    await settle();
    expect(all('order-status').map((s) => s.textContent?.trim())).toEqual(['Đã huỷ']);
  });
});
