import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, convertToParamMap, provideRouter, Router } from '@angular/router';
import type { EncounterCompleteness } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom, of } from 'rxjs';
import { aDocument, aFormSummary, aVersion } from '../../../testing/document-fixtures';
import { anEncounter } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI } from '../../../testing/translations';
import { EncounterPage } from './encounter-page';

describe(EncounterPage.name, () => {
  let fixture: ComponentFixture<EncounterPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  const completeness: EncounterCompleteness = {
    encounterId: 'e-1',
    complete: false,
    missing: [{ requirement: 'treatment_sheet', formCodes: ['39/BV2'], title: { vi: 'Tờ điều trị', en: 'Treatment sheet' } }],
    awaitingSignature: [
      { documentId: 'doc-1', formCode: '01/BV1', versionNumber: 1, step: { step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' } },
    ],
    incompleteDrafts: [{ documentId: 'doc-1', formCode: '01/BV1', versionNumber: 1 }],
    recordClosedAt: null,
  };

  async function render(): Promise<void> {
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
    fixture = TestBed.createComponent(EncounterPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/encounters/e-1').flush(anEncounter());
    backend.expectOne('/api/encounters/e-1/documents').flush([
      aDocument(),
      aDocument({
        id: 'doc-2',
        formCode: '39/BV2',
        formTitle: { vi: 'Tờ điều trị', en: 'Treatment sheet' },
        title: 'Ngày 02/05',
        latest: { ...aVersion({ number: 2, status: 'signed' }) },
      }),
    ]);
    backend.expectOne('/api/encounters/e-1/completeness').flush(completeness);
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    backend
      .expectOne((r) => r.url === '/api/forms' && r.params.get('encounterType') === 'inpatient')
      .flush([
        aFormSummary(),
        aFormSummary({ code: '39/BV2', title: { vi: 'Tờ điều trị', en: 'Treatment sheet' }, category: 'treatment', repeatable: true }),
        aFormSummary({ code: 'NURSE', title: { vi: 'Phiếu chăm sóc', en: 'Care sheet' }, category: 'nursing', authorRoles: ['nurse'] }),
      ]);
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  it('shows the patient, record number, department and bed', async () => {
    await render();
    const header = el.querySelector('[data-testid="encounter-header"]')?.textContent ?? '';
    expect(header).toContain('Trịnh Thị Ngọc Ánh');
    expect(header).toContain('Số lưu trữ NT-2026-000045');
    expect(header).toContain('Khoa Nội tổng hợp');
    expect(header).toContain('Giường G2');
    expect(el.querySelector('[data-testid="open-orders"]')?.getAttribute('href')).toBe('/doctor/encounters/e-1/orders');
  });

  it('lists what the record lacks: missing forms, signatures awaited, incomplete drafts', async () => {
    await render();
    expect(el.querySelector('[data-testid="completeness-missing"]')?.textContent).toContain('Tờ điều trị');
    expect(el.querySelector('[data-testid="completeness-awaiting"]')?.textContent).toContain(
      'Bệnh án nội khoa phiên bản 1: chờ Bác sĩ làm bệnh án',
    );
    expect(el.querySelector('[data-testid="completeness-incomplete"]')?.textContent).toContain('Bệnh án nội khoa');
  });

  it('groups the documents by form category with their status and version', async () => {
    await render();
    const groups = Array.from(el.querySelectorAll('[data-testid="document-group"]'));
    expect(groups.map((g) => g.querySelector('h4')?.textContent?.trim())).toEqual(['Bệnh án', 'Điều trị']);
    const rows = Array.from(el.querySelectorAll('[data-testid="document-row"]')).map((r) => r.textContent ?? '');
    expect(rows[0]).toContain('Bệnh án nội khoa');
    expect(rows[0]).toContain('Nháp');
    expect(rows[0]).toContain('Phiên bản 1');
    expect(rows[1]).toContain('Tờ điều trị – Ngày 02/05');
    expect(rows[1]).toContain('Đã ký');
    expect(rows[1]).toContain('Phiên bản 2');
  });

  it('offers the forms the doctor may write, a one-per-encounter form already written disabled, and opens the editor', async () => {
    await render();
    (el.querySelector('[data-testid="create-document"]') as HTMLButtonElement).click();
    await fixture.whenStable();
    const choices = Array.from(document.querySelectorAll<HTMLButtonElement>('[data-testid="form-choice"]'));
    expect(choices.map((c) => [c.dataset['formCode'], c.disabled])).toEqual([
      ['01/BV1', true],
      ['39/BV2', false],
    ]);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    choices[1].click();
    expect(navigate).toHaveBeenCalledWith(['/doctor/encounters', 'e-1', 'documents', 'new'], { queryParams: { form: '39/BV2' } });
  });
});
