import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { AccessRequest, EncounterDetail, PatientSummary } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { AccessRequestDialog, allowedScopes } from './access-request-dialog';

jest.setTimeout(30_000);

const PATIENT: PatientSummary = {
  id: 'p-1',
  patientCode: 'BN26000123',
  fullName: 'Hoàng Thị Lụa',
  birthDate: '1952-09-08',
  birthYear: 1952,
  sex: 'female',
  citizenId: null,
  identityStatus: 'verified',
  mergedIntoId: null,
};

const STAY = { id: 'e-1', type: 'inpatient', recordNumber: 'NT-2026-000045', departmentName: 'Khoa Nội tổng hợp', startedAt: '2026-05-01T02:00:00.000Z', endedAt: '2026-05-08T03:00:00.000Z' };

describe(AccessRequestDialog.name, () => {
  let fixture: ComponentFixture<AccessRequestDialog>;
  let backend: HttpTestingController;
  let recorded: AccessRequest[];

  async function open(): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })] });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AccessRequestDialog);
    recorded = [];
    fixture.componentInstance.recorded.subscribe((r) => recorded.push(r));
    fixture.componentRef.setInput('initialPatient', PATIENT);
    fixture.componentInstance.visible.set(true);
    fixture.detectChanges();
    backend.expectOne('/api/encounters?patientId=p-1').flush([{ ...STAY, id: 'e-2', startedAt: '2026-05-20T02:00:00.000Z', endedAt: null }, STAY] as Partial<EncounterDetail>[]);
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  const form = () => fixture.componentInstance as unknown as Record<string, { (): unknown; set(v: unknown): void }> & {
    chooseRelationship(r: string): void;
    chooseScope(s: string): void;
  };
  const scopeInput = (scope: string) => document.querySelector<HTMLInputElement>(`#request-scope-${scope}`);
  const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? '';
  const submit = () => {
    document.querySelector<HTMLButtonElement>('[data-testid="request-submit"]')?.click();
    fixture.detectChanges();
  };

  it('lets a family representative ask for the summary only', async () => {
    await open();
    expect([scopeInput('summary')?.disabled, scopeInput('read')?.disabled, scopeInput('copy')?.disabled]).toEqual([false, false, false]);
    form().chooseScope('copy');
    form().chooseRelationship('family_representative');
    await fixture.whenStable();
    expect(form()['scope']()).toBe('summary');
    expect([scopeInput('summary')?.disabled, scopeInput('read')?.disabled, scopeInput('copy')?.disabled]).toEqual([false, true, true]);
    expect(text('request-summary-only')).toBe(vi('records.accessRequests.summaryOnly'));
    form().chooseScope('copy');
    expect(form()['scope']()).toBe('summary');
    expect(allowedScopes('family_representative')).toEqual(['summary']);
    expect(allowedScopes('legal_representative')).toEqual(['summary', 'read', 'copy']);
  });

  it('requires the requester’s name and an ID number of the right form before recording', async () => {
    await open();
    submit();
    await fixture.whenStable();
    backend.expectNone('/api/access-requests');
    expect(document.querySelectorAll('[data-testid="request-dialog"] .bh-dialog-form__problem').length).toBe(2);
    form()['requesterName'].set('Nguyễn Văn An');
    form()['requesterIdNumber'].set('số 12');
    submit();
    await fixture.whenStable();
    backend.expectNone('/api/access-requests');
    expect(text('request-id-number-problem')).toBe(vi('records.accessRequests.idNumberInvalid'));
  });

  it('dates a request received on an earlier day at the start of that day', async () => {
    await open();
    form()['requesterName'].set('Nguyễn Văn An');
    form()['requesterIdNumber'].set('B1234567');
    form()['receivedAt'].set(new Date(2026, 4, 10));
    fixture.detectChanges();
    submit();
    const req = backend.expectOne('/api/access-requests');
    expect((req.request.body as { receivedAt: string }).receivedAt).toBe(new Date(2026, 4, 10).toISOString());
    req.flush({ id: 'r-2' });
    await fixture.whenStable();
  });

  it('records the request for the latest finished stay, with what was typed', async () => {
    await open();
    expect(form()['encounterId']()).toBe('e-1');
    form()['requesterName'].set(' Nguyễn Văn An ');
    form()['requesterIdNumber'].set('001 090 001 234');
    form().chooseRelationship('legal_representative');
    form().chooseScope('copy');
    form()['note'].set('Kèm giấy ủy quyền');
    fixture.detectChanges();
    submit();
    const req = backend.expectOne({ method: 'POST', url: '/api/access-requests' });
    expect(req.request.body).toEqual({
      patientId: 'p-1',
      encounterId: 'e-1',
      requesterName: 'Nguyễn Văn An',
      relationship: 'legal_representative',
      requesterIdNumber: '001090001234',
      scope: 'copy',
      note: 'Kèm giấy ủy quyền',
    });
    req.flush({ id: 'r-1', patientName: 'Hoàng Thị Lụa', requesterName: 'Nguyễn Văn An', status: 'received' });
    await fixture.whenStable();
    expect(recorded.map((r) => r.id)).toEqual(['r-1']);
    expect(fixture.componentInstance.visible()).toBe(false);
  });

  it('shows the server’s refusal of the scope under the scope', async () => {
    await open();
    form()['requesterName'].set('Nguyễn Văn An');
    form()['requesterIdNumber'].set('001090001234');
    fixture.detectChanges();
    submit();
    backend
      .expectOne('/api/access-requests')
      .flush(
        { type: 'https://benhan.dev/problems/validation', title: 'Bad Request', status: 400, errors: [{ field: 'scope', message: 'summary only' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(text('request-scope-problem')).toBe('Máy chủ từ chối nội dung yêu cầu: summary only');
    expect(fixture.componentInstance.visible()).toBe(true);
  });
});
