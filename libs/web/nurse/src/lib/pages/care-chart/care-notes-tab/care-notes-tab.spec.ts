import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { DocumentSummary, DocumentVersion, FormDefinition } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { storeSession } from '../../../../testing/session';
import { VI, vi } from '../../../../testing/translations';
import { EncounterContext } from '../encounter-context';
import { CareNotesTab } from './care-notes-tab';

jest.setTimeout(30_000);

const FORM = {
  code: 'CS/BV2',
  version: 1,
  title: { vi: 'Phiếu chăm sóc', en: 'Nursing care sheet' },
  signers: [{ step: 1, role: 'author', label: 'Điều dưỡng' }],
  authorRoles: ['nurse'],
  schema: { type: 'object', properties: { careLevel: { type: 'string', title: 'Cấp chăm sóc', enum: ['I', 'II', 'III'] } } },
} as unknown as FormDefinition;

const VERSION = {
  id: 'v-9',
  documentId: 'doc-9',
  number: 2,
  status: 'signed',
  authorId: 'u-2',
  authorName: 'ĐD. Lê Thị Hồng Nhung',
  effectiveAt: '2026-05-02T01:00:00.000Z',
  awaiting: [],
  signoffs: [],
  content: { careLevel: 'II' },
  revision: 1,
} as unknown as DocumentVersion;

const SHEET = {
  id: 'doc-9',
  encounterId: 'e-1',
  formCode: 'CS/BV2',
  formTitle: FORM.title,
  latest: { ...VERSION, content: undefined },
} as unknown as DocumentSummary;

describe(CareNotesTab.name, () => {
  let fixture: ComponentFixture<CareNotesTab>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    storeSession();
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:http://localhost/v-9'), revokeObjectURL: jest.fn() });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        { provide: EncounterContext, useValue: { encounterId: signal('e-1') } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CareNotesTab);
    fixture.detectChanges();
    backend.expectOne('/api/forms/CS%2FBV2').flush(FORM);
    backend.expectOne('/api/encounters/e-1/documents').flush([SHEET]);
    await fixture.whenStable();
  });

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  it('previews an opened care sheet version as the API prints it', async () => {
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="print-preview-open"]')).toBeNull();
    el.querySelector<HTMLButtonElement>('[data-testid="care-note-open"]')?.click();
    backend.expectOne('/api/documents/doc-9/versions/2').flush(VERSION);
    await fixture.whenStable();

    const open = el.querySelector<HTMLButtonElement>('[data-testid="print-preview-open"]');
    expect(open?.textContent?.trim()).toBe(vi('printPreview.open'));
    open?.click();
    await fixture.whenStable();
    backend.expectOne({ method: 'GET', url: '/api/versions/v-9/pdf' }).flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    await fixture.whenStable();
    expect(document.querySelector('[data-testid="print-preview-frame"]')?.getAttribute('src')).toBe('blob:http://localhost/v-9');
    expect(document.querySelector('.p-dialog-title')?.textContent).toBe('Phiếu chăm sóc · phiên bản 2');
  });
});
