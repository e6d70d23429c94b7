import { HttpErrorResponse } from '@angular/common/http';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { TranslateService, type TranslationObject } from '@ngx-translate/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom, Subject } from 'rxjs';
import { provideI18nTesting } from '../testing/provide-i18n-testing';
import { PrintPreview, versionPdfFileName } from './print-preview';

jest.setTimeout(30_000);

const VI = JSON.parse(readFileSync(join(__dirname, '../../../../../../apps/web/public/i18n/vi.json'), 'utf8')) as TranslationObject;

describe(PrintPreview.name, () => {
  let fixture: ComponentFixture<PrintPreview>;
  let file: Subject<Blob>;
  let loads: number;
  let urls = 0;
  const createObjectURL = jest.fn((blob: Blob): string => `blob:http://localhost/${blob.size}-${++urls}`);
  const revokeObjectURL = jest.fn();

  beforeAll(() => {
    // jsdom has no object URLs.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  beforeEach(async () => {
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
    TestBed.configureTestingModule({ providers: [provideI18nTesting({ vi: VI })] });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    loads = 0;
    fixture = TestBed.createComponent(PrintPreview);
    fixture.componentRef.setInput('load', () => {
      loads++;
      file = new Subject<Blob>();
      return file;
    });
    fixture.componentRef.setInput('title', '01/BV1 Bệnh án nội khoa, phiên bản 2');
    fixture.componentRef.setInput('fileName', '01-BV1-v2.pdf');
    await fixture.whenStable();
  });

  afterEach(() => fixture?.destroy());

  const q = <T extends Element = HTMLElement>(testId: string) => document.querySelector<T>(`[data-testid="${testId}"]`);

  /** As a page's `[(visible)]` does. */
  async function open(): Promise<void> {
    fixture.componentInstance.visible.set(true);
    await fixture.whenStable();
  }

  async function deliver(blob = new Blob(['%PDF-1.7 …'], { type: 'application/pdf' })): Promise<void> {
    file.next(blob);
    file.complete();
    await fixture.whenStable();
  }

  it('fetches nothing while closed', () => {
    expect(loads).toBe(0);
    expect(q('print-preview')).toBeNull();
  });

  it('fetches the PDF with the caller’s call when opened and shows it in a frame from an object URL', async () => {
    await open();
    expect(loads).toBe(1);
    expect(q('print-preview-loading')?.textContent?.trim()).toBe('Đang tạo bản in…');
    expect(q<HTMLButtonElement>('print-preview-print')?.disabled).toBe(true);

    await deliver();
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const url = createObjectURL.mock.results[0].value as string;
    const frame = q<HTMLIFrameElement>('print-preview-frame');
    expect(frame?.getAttribute('src')).toBe(url);
    expect(frame?.title).toBe('Bản in PDF');
    expect(document.querySelector('.p-dialog-title')?.textContent).toBe('01/BV1 Bệnh án nội khoa, phiên bản 2');
    expect(q<HTMLButtonElement>('print-preview-download')?.disabled).toBe(false);
  });

  it('revokes the object URL when the dialog closes, and fetches afresh when it opens again', async () => {
    await open();
    await deliver();
    const url = createObjectURL.mock.results[0].value as string;
    q<HTMLButtonElement>('print-preview-close')?.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.visible()).toBe(false);
    expect(revokeObjectURL).toHaveBeenCalledWith(url);

    await open();
    expect(loads).toBe(2);
    await deliver();
    expect(createObjectURL).toHaveBeenCalledTimes(2);
  });

  it('revokes the object URL when the page goes away with the dialog open', async () => {
    await open();
    await deliver();
    fixture.destroy();
    expect(revokeObjectURL).toHaveBeenCalledWith(createObjectURL.mock.results[0].value);
  });

  it('labels a file sent without a type as a PDF, so the browser’s viewer shows it', async () => {
    await open();
    await deliver(new Blob(['%PDF']));
    expect((createObjectURL.mock.calls[0][0] as Blob).type).toBe('application/pdf');
  });

  it('downloads the fetched file under the given name', async () => {
    await open();
    await deliver();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    let name = '';
    click.mockImplementation(function (this: HTMLAnchorElement) {
      name = this.download;
    });
    q<HTMLButtonElement>('print-preview-download')?.click();
    expect(name).toBe('01-BV1-v2.pdf');
    click.mockRestore();
  });

  it('says why the print could not be fetched', async () => {
    await open();
    file.error(new HttpErrorResponse({ status: 403, statusText: 'Forbidden' }));
    await fixture.whenStable();
    expect(q('print-preview-error')?.textContent?.trim()).toBe('Bạn không có quyền xem bản in này.');
    expect(createObjectURL).not.toHaveBeenCalled();
    expect(q<HTMLButtonElement>('print-preview-print')?.disabled).toBe(true);
  });

  it('passes on the server’s detail of a refusal', async () => {
    await open();
    file.error(new HttpErrorResponse({ status: 409, statusText: 'Conflict', error: { type: 'x', title: 'Conflict', status: 409, detail: 'Văn bản đã bị tiêu hủy' } }));
    await fixture.whenStable();
    expect(q('print-preview-error')?.textContent?.trim()).toBe('Không tạo được bản in: Văn bản đã bị tiêu hủy');
  });

  it('names a version’s file after its form code and number', () => {
    expect(versionPdfFileName('01/BV1', 2)).toBe('01-BV1-v2.pdf');
    expect(versionPdfFileName('CS/BV2', 1)).toBe('CS-BV2-v1.pdf');
  });
});
