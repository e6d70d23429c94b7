import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Department } from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

/** Departments of the signed-in user's facility (`/api/departments`). */
@Injectable({ providedIn: 'root' })
export class DepartmentsApi {
  private readonly http = inject(HttpClient);
  private readonly url = inject(API_BASE_URL) + '/api/departments';

  list(): Observable<Department[]> {
    return this.http.get<Department[]>(this.url);
  }
}
