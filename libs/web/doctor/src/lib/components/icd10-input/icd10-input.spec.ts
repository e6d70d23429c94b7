import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { Icd10Code } from '@benhan/shared/contracts';
import { provideI18nTesting } from '@benhan/web/ui';
import { ICD10_SUGGESTION_LIMIT, Icd10Input, type Icd10Option } from './icd10-input';

function aCode(code: string, overrides: Partial<Icd10Code> = {}): Icd10Code {
  return {
    code,
    titleVi: `Bệnh ${code}`,
    titleEn: `Disease ${code}`,
    chapter: 'X',
    daggerAsterisk: null,
    sexRestriction: null,
    causeOfDeathOnly: false,
    notPrincipal: false,
    principalNotRecommended: false,
    longerCodeExists: false,
    catalogueVersion: 'QD4469-BHYT',
    ...overrides,
  };
}

describe(Icd10Input.name, () => {
  let fixture: ComponentFixture<Icd10Input>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideI18nTesting()] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Icd10Input);
    fixture.componentRef.setInput('inputId', 'dx');
    fixture.componentRef.setInput('patientSex', 'male');
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const component = () => fixture.componentInstance as unknown as {
    search(event: { query: string; originalEvent: Event }): void;
    onModelChange(next: Icd10Option | string | null): void;
    suggestions(): Icd10Option[];
  };

  function searchFor(query: string, answer: Icd10Code[]): Icd10Option[] {
    component().search({ query, originalEvent: new Event('input') });
    const req = backend.expectOne((r) => r.url === '/api/icd10');
    expect(req.request.params.get('q')).toBe(query);
    expect(req.request.params.get('limit')).toBe(String(ICD10_SUGGESTION_LIMIT));
    req.flush({ catalogue: { version: 'QD4469-BHYT' }, items: answer });
    return component().suggestions();
  }

  it('suggests codes with their Vietnamese titles and picks one', () => {
    const [option] = searchFor('J18', [aCode('J18.9', { titleVi: 'Viêm phổi, không đặc hiệu' })]);
    expect(option.label).toBe('J18.9 – Viêm phổi, không đặc hiệu');
    component().onModelChange(option);
    expect(fixture.componentInstance.value()?.code).toBe('J18.9');

    component().onModelChange('J1');
    expect(fixture.componentInstance.value()).toBeNull();
  });

  it('blocks codes R15 forbids for a main diagnosis or for the patient’s sex', () => {
    const options = searchFor('x', [
      aCode('R99', { causeOfDeathOnly: true }),
      aCode('B95.2', { notPrincipal: true }),
      aCode('O80', { sexRestriction: 'female' }),
      aCode('N40', { sexRestriction: 'male' }),
    ]);
    expect(options.map((o) => [o.code.code, o.blockedKey])).toEqual([
      ['R99', 'doctor.icd10.causeOfDeathOnly'],
      ['B95.2', 'doctor.icd10.notPrincipal'],
      ['O80', 'doctor.icd10.femaleOnly'],
      ['N40', null],
    ]);
    component().onModelChange(options[1]);
    expect(fixture.componentInstance.value()).toBeNull();
  });

  it('allows a "not a main diagnosis" code as a secondary diagnosis', () => {
    fixture.componentRef.setInput('diagnosisRole', 'secondary');
    const [option] = searchFor('B95', [aCode('B95.2', { notPrincipal: true })]);
    expect(option.blockedKey).toBeNull();
  });

  it('does not call the API for a blank query', () => {
    component().search({ query: '  ', originalEvent: new Event('input') });
    backend.expectNone((r) => r.url === '/api/icd10');
  });
});
