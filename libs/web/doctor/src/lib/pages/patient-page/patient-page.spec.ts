import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { ActivatedRoute, convertToParamMap, provideRouter } from '@angular/router';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom, of } from 'rxjs';
import { anEncounter, aPatient } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { AdmissionDialog } from '../../components/admission-dialog/admission-dialog';
import { DoctorStore } from '../../doctor.store';
import { PatientPage } from './patient-page';

describe(PatientPage.name, () => {
  let fixture: ComponentFixture<PatientPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  async function render(encounters = [anEncounter({ status: 'finished', endedAt: '2026-05-10T03:00:00.000Z' })]): Promise<void> {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        DoctorStore,
        { provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id: 'p-1' })) } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PatientPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/ethnicities').flush([{ code: '01', name: 'Kinh' }]);
    backend.expectOne('/api/provinces').flush([{ code: '01', name: 'Thành phố Hà Nội' }]);
    backend.expectOne('/api/patients/p-1').flush(aPatient());
    backend.expectOne((r) => r.url === '/api/encounters' && r.params.get('patientId') === 'p-1').flush(encounters);
    // The communes of the patient's province are asked for once the patient has arrived.
    await new Promise((resolve) => setTimeout(resolve));
    fixture.detectChanges();
    backend.expectOne('/api/provinces/01/communes').flush([{ code: '00004', name: 'Phường Ba Đình', provinceCode: '01' }]);
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  it('shows the identity with the names of ethnicity, commune and province, and the BHYT card', async () => {
    await render();
    expect(el.querySelector('[data-testid="patient-name"]')?.textContent).toBe('Trịnh Thị Ngọc Ánh');
    expect(el.textContent).toContain('01/05/1990');
    const identity = el.querySelector('[data-testid="patient-identity"]')?.textContent ?? '';
    expect(identity).toContain('001190012345');
    expect(identity).toContain('Kinh');
    expect(identity).toContain('12 Phố Huế, Phường Ba Đình, Thành phố Hà Nội');
    expect(identity).toContain('Trịnh Văn Bình (Chồng), 0987654321');
    expect(el.querySelector('[data-testid="insurance-card"]')?.textContent).toContain(
      'DN4010123456789, giá trị từ 01/01/2026 đến 31/12/2026',
    );
  });

  it('lists the encounters and offers the admission of a patient not in hospital', async () => {
    await render();
    const row = el.querySelector('[data-testid="encounter-row"]')?.textContent ?? '';
    expect(row).toContain('Nội trú');
    expect(row).toContain('Đã kết thúc');
    expect(row).toContain('NT-2026-000045');
    expect(el.querySelector('[data-testid="admit"]')).not.toBeNull();
  });

  it('says where a patient in hospital lies instead of offering a second admission', async () => {
    await render([anEncounter()]);
    expect(el.querySelector('[data-testid="admit"]')).toBeNull();
    expect(el.querySelector('[data-testid="current-stay"]')?.textContent).toContain('Khoa Nội tổng hợp, giường G2');
  });

  it('opens the admission dialog and, once admitted, says so and reloads the encounters', async () => {
    await render([]);
    el.querySelector<HTMLButtonElement>('[data-testid="admit"]')?.click();
    fixture.detectChanges();
    backend.expectOne('/api/wards').flush([]);
    await fixture.whenStable();
    expect(document.body.querySelector('[data-testid="admission-dialog"]')).not.toBeNull();

    const dialog = fixture.debugElement.query(By.directive(AdmissionDialog)).componentInstance as AdmissionDialog;
    dialog.admitted.emit(anEncounter());
    fixture.detectChanges();
    backend.expectOne((r) => r.url === '/api/encounters').flush([anEncounter()]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="admission-success"]')?.textContent).toContain(
      'Đã nhập viện vào Khoa Nội tổng hợp, số bệnh án NT-2026-000045.',
    );
    expect(el.querySelector('[data-testid="admit"]')).toBeNull();
  });

  it('says when the patient may not be opened', async () => {
    storeSession();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideI18nTesting({ vi: VI }),
        DoctorStore,
        { provide: ActivatedRoute, useValue: { paramMap: of(convertToParamMap({ id: 'p-9' })) } },
      ],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PatientPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    backend.expectOne('/api/ethnicities').flush([]);
    backend.expectOne('/api/provinces').flush([]);
    backend
      .expectOne('/api/patients/p-9')
      .flush({ type: 'https://benhan.dev/problems/forbidden', title: 'Forbidden', status: 403 }, { status: 403, statusText: 'Forbidden' });
    backend.expectOne((r) => r.url === '/api/encounters').flush([]);
    await fixture.whenStable();
    expect(el.querySelector('[data-testid="patient-error"]')?.textContent).toContain(vi('doctor.common.forbidden'));
  });
});
