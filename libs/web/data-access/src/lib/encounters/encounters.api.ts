import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AdmitRequest,
  CensusEntry,
  ConcludeOutpatientVisitRequest,
  DischargeRequest,
  EncounterDetail,
  OpenOutpatientVisitRequest,
  TransferRequest,
  WardBeds,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

/** Thin typed client of `/api/encounters` and the bed map `/api/wards`. */
@Injectable({ providedIn: 'root' })
export class EncountersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly url = this.baseUrl + '/api/encounters';

  /** Wards of the user's own departments with their beds; `occupiedByPatientId === null` is a free bed. */
  wards(): Observable<WardBeds[]> {
    return this.http.get<WardBeds[]>(this.baseUrl + '/api/wards');
  }

  /** Opens an inpatient stay; 409 `bed_occupied` when the bed was taken meanwhile. */
  admit(body: AdmitRequest): Observable<EncounterDetail> {
    return this.http.post<EncounterDetail>(`${this.url}/admissions`, body);
  }

  census(departmentId: string): Observable<CensusEntry[]> {
    return this.http.get<CensusEntry[]>(`${this.url}/census`, { params: new HttpParams().set('departmentId', departmentId) });
  }

  get(id: string): Observable<EncounterDetail> {
    return this.http.get<EncounterDetail>(`${this.url}/${encodeURIComponent(id)}`);
  }

  forPatient(patientId: string): Observable<EncounterDetail[]> {
    return this.http.get<EncounterDetail[]>(this.url, { params: new HttpParams().set('patientId', patientId) });
  }

  /** 409 `stale_version` or `bed_occupied`. */
  transfer(id: string, body: TransferRequest): Observable<EncounterDetail> {
    return this.http.post<EncounterDetail>(`${this.url}/${encodeURIComponent(id)}/transfer`, body);
  }

  /** 409 `stale_version`. */
  discharge(id: string, body: DischargeRequest): Observable<EncounterDetail> {
    return this.http.post<EncounterDetail>(`${this.url}/${encodeURIComponent(id)}/discharge`, body);
  }

  openOutpatientVisit(body: OpenOutpatientVisitRequest): Observable<EncounterDetail> {
    return this.http.post<EncounterDetail>(`${this.url}/outpatient`, body);
  }

  concludeOutpatientVisit(id: string, body: ConcludeOutpatientVisitRequest): Observable<EncounterDetail> {
    return this.http.post<EncounterDetail>(`${this.url}/${encodeURIComponent(id)}/conclude`, body);
  }
}
