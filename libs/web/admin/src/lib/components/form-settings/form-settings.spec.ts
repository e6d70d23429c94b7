import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { FormDefinition, FormSettingsRequest } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { aFormDefinition } from '../../../testing/fixtures';
import { VI, vi } from '../../../testing/translations';
import { FormSettings } from './form-settings';

describe(FormSettings.name, () => {
  let fixture: ComponentFixture<FormSettings>;
  let backend: HttpTestingController;
  let saved: FormDefinition[];

  async function render(form: FormDefinition = aFormDefinition()): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting({ vi: VI })] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(FormSettings);
    fixture.componentRef.setInput('form', form);
    saved = [];
    fixture.componentInstance.saved.subscribe((f) => saved.push(f));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  async function click(element: HTMLElement, testId: string, step?: number): Promise<void> {
    const scope = step === undefined ? element : (element.querySelector(`[data-testid="signer-row"][data-step="${step}"]`) as HTMLElement);
    (scope.querySelector(`[data-testid="${testId}"]`) as HTMLButtonElement).click();
    await fixture.whenStable();
  }

  function steps(element: HTMLElement): string[] {
    return Array.from(element.querySelectorAll('[data-testid="signer-row"]')).map(
      (row) => `${row.querySelector('[data-testid="signer-step"]')?.textContent?.trim()} ${(row.querySelector('[data-testid="signer-label"]') as HTMLInputElement).value}`,
    );
  }

  afterEach(() => backend.verify());

  it('shows the matrix as numbered steps with their role in Vietnamese', async () => {
    const element = await render();

    expect(steps(element)).toEqual(['1 Bác sĩ làm bệnh án', '2 Trưởng khoa']);
    expect(element.querySelector('[data-testid="signer-row"][data-step="2"] [data-testid="signer-role"]')?.textContent).toContain('Trưởng khoa');
    expect(element.querySelector('[data-testid="signer-row"][data-step="1"] [data-testid="signer-up"]')?.hasAttribute('disabled')).toBe(true);
  });

  it('removes the head-of-department step and saves the one remaining step with the rule and the active flag', async () => {
    const element = await render();

    await click(element, 'signer-remove', 2);
    expect(steps(element)).toEqual(['1 Bác sĩ làm bệnh án']);
    await click(element, 'settings-save');

    const put = backend.expectOne({ method: 'PUT', url: '/api/forms/01%2FBV1/settings' });
    expect(put.request.body).toEqual<FormSettingsRequest>({
      signers: [{ step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' }],
      requiredFor: [{ encounterType: 'inpatient', whenFinished: false }],
      active: true,
    });
    const answer = aFormDefinition({ signers: [{ step: 1, role: 'author', label: 'Bác sĩ làm bệnh án' }] });
    put.flush(answer);
    await fixture.whenStable();
    expect(saved).toEqual([answer]);
    expect(element.querySelector('[data-testid="settings-saved"]')?.textContent).toContain(vi('admin.settings.saved'));
  });

  it('renumbers the steps when one moves, and sends them in their new order', async () => {
    const element = await render();

    await click(element, 'signer-add');
    const label = element.querySelector('[data-testid="signer-row"][data-step="3"] [data-testid="signer-label"]') as HTMLInputElement;
    label.value = 'Trưởng phòng KHTH';
    label.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    await click(element, 'signer-up', 3);
    expect(steps(element)).toEqual(['1 Bác sĩ làm bệnh án', '2 Trưởng phòng KHTH', '3 Trưởng khoa']);

    // The new step has no role yet: the save is refused on its row, nothing is sent.
    await click(element, 'settings-save');
    expect(element.querySelector('[data-testid="signer-problems"][data-step="2"]')?.textContent).toContain(vi('admin.signers.problem.role_missing'));
    backend.expectNone('/api/forms/01%2FBV1/settings');
  });

  it('refuses to send a matrix whose first step is not the author (the server’s rule), saying so on step 1', async () => {
    const element = await render();

    await click(element, 'signer-remove', 1);
    await click(element, 'settings-save');

    expect(element.querySelector('[data-testid="signer-problems"][data-step="1"]')?.textContent).toContain(vi('admin.signers.problem.first_not_author'));
    backend.expectNone('/api/forms/01%2FBV1/settings');
  });

  it('shows the server’s field errors on the row they name, and drops them at the next edit', async () => {
    const element = await render();

    await click(element, 'settings-save');
    backend.expectOne({ method: 'PUT', url: '/api/forms/01%2FBV1/settings' }).flush(
      {
        type: 'https://benhan.dev/problems/invalid_form',
        title: 'Bad Request',
        status: 400,
        errors: [
          { field: 'signers[1].role', message: 'must be one of author, head_of_department' },
          { field: 'requiredFor[0]', message: 'needs encounterType' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    expect(element.querySelector('[data-testid="signer-problems"][data-step="2"]')?.textContent).toContain('must be one of author, head_of_department');
    expect(element.querySelector('[data-testid="signer-problems"][data-step="1"]')).toBeNull();
    expect(element.querySelector('[data-testid="settings-errors"]')?.textContent).toContain('requiredFor[0]');
    expect(element.querySelector('[data-testid="settings-problem"]')?.textContent).toContain(vi('admin.settings.rejected'));
    expect(saved).toEqual([]);

    const label = element.querySelector('[data-testid="signer-row"][data-step="2"] [data-testid="signer-label"]') as HTMLInputElement;
    label.value = 'Trưởng khoa điều trị';
    label.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="signer-problems"]')).toBeNull();
  });
});
