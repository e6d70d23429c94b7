import { Component, signal } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { EncounterDetail, PatientSummary } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { aDoctor, anEncounter, aPatient, wards } from '../../../testing/fixtures';
import { storeSession } from '../../../testing/session';
import { VI, vi } from '../../../testing/translations';
import { DoctorStore } from '../../doctor.store';
import { AdmissionDialog } from './admission-dialog';

@Component({
  imports: [AdmissionDialog],
  template: `<bh-admission-dialog [patient]="patient" [(visible)]="open" (admitted)="admitted.set($event)" />`,
})
class Host {
  patient: PatientSummary = aPatient();
  readonly open = signal(true);
  readonly admitted = signal<EncounterDetail | null>(null);
}

describe(AdmissionDialog.name, () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;

  async function render(user = aDoctor()): Promise<void> {
    storeSession(user);
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI }), DoctorStore],
    });
    await firstValueFrom(TestBed.inject(TranslateService).use('vi'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
  }

  async function answerWards(): Promise<void> {
    backend.expectOne('/api/wards').flush(wards());
    await fixture.whenStable();
  }

  const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="admission-dialog"]');
  const beds = () => Array.from(dialog()?.querySelectorAll<HTMLButtonElement>('[data-testid="bed"]') ?? []);

  function chooseSource(label: string): void {
    const option = Array.from(dialog()?.querySelectorAll<HTMLElement>('[data-testid="admission-source"] [role="button"]') ?? []).find(
      (b) => b.textContent?.trim() === label,
    );
    if (!option) throw new Error(`no source ${label}`);
    option.click();
  }

  async function submit(): Promise<void> {
    dialog()?.querySelector<HTMLButtonElement>('[data-testid="admission-submit"]')?.click();
    await fixture.whenStable();
  }

  afterEach(() => {
    backend.verify();
    sessionStorage.clear();
  });

  it("shows the beds of the doctor's department and disables the occupied ones", async () => {
    await render();
    await answerWards();
    expect(beds().map((b) => [b.dataset['bedCode'], b.disabled])).toEqual([
      ['G1', true],
      ['G2', false],
    ]);
    expect(dialog()?.textContent).toContain('Phòng 101');
    expect(dialog()?.textContent).not.toContain('Phòng 201');
  });

  it('admits to the chosen free bed with the source and the admission diagnosis', async () => {
    await render();
    await answerWards();
    beds()[1].click();
    chooseSource('Cấp cứu');
    fixture.debugElement.query((d) => d.componentInstance instanceof AdmissionDialog).componentInstance['diagnosis'].set({
      code: 'J18.9',
      titleVi: 'Viêm phổi, không đặc hiệu',
    });
    await submit();

    const req = backend.expectOne({ method: 'POST', url: '/api/encounters/admissions' });
    expect(req.request.body).toEqual({
      patientId: 'p-1',
      departmentId: 'd-noi',
      bedId: 'b-2',
      source: 'emergency',
      admissionDiagnosis: 'J18.9',
    });
    req.flush(anEncounter(), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(fixture.componentInstance.admitted()?.recordNumber).toBe('NT-2026-000045');
    expect(fixture.componentInstance.open()).toBe(false);
  });

  it('asks where the patient comes from before admitting', async () => {
    await render();
    await answerWards();
    await submit();
    backend.expectNone('/api/encounters/admissions');
    expect(dialog()?.textContent).toContain(vi('doctor.admission.sourceRequired'));
  });

  it('reloads the bed map and asks for another bed when the bed was taken meanwhile', async () => {
    await render();
    await answerWards();
    beds()[1].click();
    chooseSource('Khoa khám bệnh');
    await submit();
    backend
      .expectOne('/api/encounters/admissions')
      .flush(
        { type: 'https://benhan.dev/problems/bed_occupied', title: 'Conflict', status: 409 },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    const taken = wards();
    taken[0].beds[1].occupiedByPatientId = 'p-someone-else';
    backend.expectOne('/api/wards').flush(taken);
    await fixture.whenStable();

    expect(dialog()?.querySelector('[data-testid="admission-error"]')?.textContent).toContain(vi('doctor.admission.bedTaken'));
    expect(beds().every((b) => b.disabled)).toBe(true);
    expect(fixture.componentInstance.open()).toBe(true);
  });

  it('says a doctor without a department cannot admit', async () => {
    await render(aDoctor({ departments: [] }));
    await answerWards();
    expect(dialog()?.querySelector('[data-testid="no-department"]')).not.toBeNull();
    expect(dialog()?.querySelector<HTMLButtonElement>('[data-testid="admission-submit"]')?.disabled).toBe(true);
  });
});
