import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { Department } from '@benhan/shared/contracts';
import { DepartmentsApi } from './departments.api';

describe(DepartmentsApi.name, () => {
  it('lists the departments of the facility', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    const backend = TestBed.inject(HttpTestingController);
    let departments: Department[] = [];
    TestBed.inject(DepartmentsApi)
      .list()
      .subscribe((d) => (departments = d));
    backend
      .expectOne({ method: 'GET', url: '/api/departments' })
      .flush([{ id: 'd-1', code: 'NOI', name: 'Khoa Nội tổng hợp', nameEn: null, kind: 'clinical', active: true }]);
    expect(departments.map((d) => d.code)).toEqual(['NOI']);
    backend.verify();
  });
});
