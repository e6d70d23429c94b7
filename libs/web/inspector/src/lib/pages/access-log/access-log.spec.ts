import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { anAccessEntry, aPatient, pageOf } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { AccessLog, accessQuery } from './access-log';

jest.setTimeout(30_000);

const PATIENT_ID = aPatient().id;

describe(AccessLog.name, () => {
  let fixture: ComponentFixture<AccessLog>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(params: Record<string, string> = {}): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        { provide: ActivatedRoute, useValue: { snapshot: { queryParamMap: convertToParamMap(params) } } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AccessLog);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const page = () => fixture.componentInstance as unknown as { set(name: string, value: unknown): void; choose(patient: unknown): void };
  const rows = () => Array.from(el.querySelectorAll<HTMLElement>('[data-testid="access-row"]'));
  const text = (root: ParentNode, testId: string) => root.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim().replace(/\s+/g, ' ') ?? '';

  it('reads later pages as the log stood at the first (reading it is logged at the top and would shift every page)', async () => {
    await render();
    page().choose(aPatient());
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/audit/access').flush(pageOf([anAccessEntry({ seq: 900 }), anAccessEntry({ seq: 880 })], 120, 50));
    await fixture.whenStable();
    const turn = (first: number) => (fixture.componentInstance as unknown as { turnPage(e: { first: number; rows: number }): void }).turnPage({ first, rows: 50 });
    turn(50);
    fixture.detectChanges();
    // While the next page loads, the count and the paginator stay.
    expect(text(el, 'access-total')).toContain('120');
    const second = backend.expectOne((r) => r.url === '/api/audit/access');
    expect(second.request.params.get('offset')).toBe('50');
    expect(second.request.params.get('untilSeq')).toBe('900');
    second.flush(pageOf([anAccessEntry({ seq: 700 })], 120, 50));
    await fixture.whenStable();
    turn(100);
    fixture.detectChanges();
    const third = backend.expectOne((r) => r.url === '/api/audit/access');
    expect([third.request.params.get('offset'), third.request.params.get('untilSeq')]).toEqual(['100', '900']);
    third.flush(pageOf([], 120, 50));
    await fixture.whenStable();
    turn(0);
    fixture.detectChanges();
    expect(backend.expectOne((r) => r.url === '/api/audit/access').request.params.has('untilSeq')).toBe(false);
  });

  it('asks for a patient first, and reads nothing until one is chosen', async () => {
    await render();
    await fixture.whenStable();
    backend.expectNone((r) => r.url === '/api/audit/access');
    expect(text(el, 'access-choose')).toBe(vi('inspector.access.choosePatient'));
  });

  it('lists who accessed the chosen patient’s record, with the break-glass access highlighted with its reason', async () => {
    await render();
    page().choose(aPatient());
    fixture.detectChanges();
    const req = backend.expectOne((r) => r.url === '/api/audit/access');
    expect(req.request.params.toString()).toBe(`patient=${PATIENT_ID}&limit=50&offset=0`);
    req.flush(
      pageOf(
        [
          anAccessEntry(),
          anAccessEntry({
            seq: 42,
            action: 'break_glass',
            actorName: 'ĐD. Lê Thị Hồng Nhung',
            actorUsername: 'nurse',
            actorRoles: ['nurse'],
            reason: 'Cấp cứu ngừng tuần hoàn, cần xem tiền sử dị ứng',
            breakGlass: true,
          }),
          anAccessEntry({ seq: 43, action: 'document_read', resourceType: 'document', resourceId: 'doc-1', actorName: 'ĐD. Lê Thị Hồng Nhung', breakGlass: true }),
          anAccessEntry({ seq: 44, action: 'access_denied', outcome: 'failure', actorName: 'Phạm Thu Trang', actorRoles: ['records_officer'] }),
        ],
        4,
        50,
      ),
    );
    await fixture.whenStable();

    const [read, glass, underGlass, denied] = rows();
    expect(text(read, 'access-action')).toBe('Xem thông tin người bệnh');
    expect(text(read, 'access-actor')).toBe('BS. Nguyễn Văn Minh');
    expect(read.textContent).toContain('Bác sĩ');
    expect(read.getAttribute('data-break-glass')).toBe('false');
    expect(read.classList.contains('bh-access__row--break-glass')).toBe(false);
    expect(read.querySelector('[data-testid="access-break-glass"]')).toBeNull();

    for (const row of [glass, underGlass]) {
      expect(row.getAttribute('data-break-glass')).toBe('true');
      expect(row.classList.contains('bh-access__row--break-glass')).toBe(true);
      expect(text(row, 'access-break-glass')).toBe('Truy cập khẩn cấp');
    }
    expect(text(glass, 'access-action')).toBe('Truy cập khẩn cấp');
    expect(text(glass, 'access-reason')).toBe('Cấp cứu ngừng tuần hoàn, cần xem tiền sử dị ứng');
    expect(text(underGlass, 'access-action')).toBe('Xem văn bản');
    expect(text(denied, 'access-failed')).toBe(vi('inspector.access.refused'));
    expect(text(el, 'access-total')).toBe('4 lượt truy cập 2 lượt truy cập khẩn cấp trên trang này');
  });

  it('narrows the log to the chosen days', async () => {
    await render();
    page().set('from', new Date(2026, 4, 1));
    page().set('to', new Date(2026, 4, 12));
    page().choose(aPatient());
    fixture.detectChanges();
    const req = backend.expectOne((r) => r.url === '/api/audit/access');
    expect(req.request.params.get('from')).toBe(new Date(2026, 4, 1).toISOString());
    expect(req.request.params.get('to')).toBe(new Date(2026, 4, 13).toISOString());
    req.flush(pageOf([], 0, 50));
    await fixture.whenStable();
    expect(text(el, 'access-empty')).toBe(vi('inspector.access.empty'));
  });

  it('opens the patient of the link at once', async () => {
    await render({ patient: PATIENT_ID });
    backend.expectOne((r) => r.url === '/api/audit/access' && r.params.get('patient') === PATIENT_ID).flush(pageOf([anAccessEntry()], 1, 50));
    backend.expectOne(`/api/patients/${PATIENT_ID}`).flush(aPatient());
    await fixture.whenStable();
    expect(rows()).toHaveLength(1);
    expect(el.querySelector('[data-testid="access-trail-link"]')?.getAttribute('href')).toBe(`/inspector?patient=${PATIENT_ID}`);
  });
});

describe('accessQuery', () => {
  it('is null without a patient', () => {
    expect(accessQuery({ patient: null, from: new Date(2026, 4, 1), to: null }, 0)).toBeNull();
  });
});
