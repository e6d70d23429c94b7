import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  MarkEnteredInErrorRequest,
  MedicationAdministration,
  MedicationOrderLine,
  RecordAdministrationRequest,
  RecordVitalSignsRequest,
  RecordVitalSignsRoundRequest,
  VitalSignDefinition,
  VitalSignObservation,
  VitalSignsFlowsheet,
} from '@benhan/shared/contracts';
import { type Observable, shareReplay } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

/**
 * Thin typed client of the nurses' care chart: vital signs (single sets, ward rounds, the flowsheet) and
 * medication administrations. Wrong entries are never edited: they are marked entered-in-error.
 * Nursing care notes are documents: use the documents client.
 */
@Injectable({ providedIn: 'root' })
export class CareChartApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private definitionsCache: Observable<VitalSignDefinition[]> | null = null;

  /** Units, plausible and normal ranges of each kind; fixed reference data, so read once per session. */
  vitalSignDefinitions(): Observable<VitalSignDefinition[]> {
    this.definitionsCache ??= this.http
      .get<VitalSignDefinition[]>(`${this.baseUrl}/api/care-chart/vital-sign-definitions`)
      .pipe(shareReplay({ bufferSize: 1, refCount: false }));
    return this.definitionsCache;
  }

  /** 400 with `errors[].field` like `values.temperature` when a value is impossible. */
  recordVitalSigns(encounterId: string, body: RecordVitalSignsRequest): Observable<VitalSignObservation[]> {
    return this.http.post<VitalSignObservation[]>(`${this.encounterUrl(encounterId)}/vital-signs`, body);
  }

  /** All or nothing; 400 with `errors[].field` like `entries[2].values.pulse` naming the failing row. */
  recordVitalSignsRound(body: RecordVitalSignsRoundRequest): Observable<VitalSignObservation[]> {
    return this.http.post<VitalSignObservation[]>(`${this.baseUrl}/api/vital-signs/rounds`, body);
  }

  /** Observations of the range, oldest first; without a range the server chooses (the whole stay). */
  flowsheet(encounterId: string, range: { from?: string; to?: string } = {}): Observable<VitalSignsFlowsheet> {
    let params = new HttpParams();
    if (range.from) params = params.set('from', range.from);
    if (range.to) params = params.set('to', range.to);
    return this.http.get<VitalSignsFlowsheet>(`${this.encounterUrl(encounterId)}/vital-signs`, { params });
  }

  markVitalSignEnteredInError(observationId: string, body: MarkEnteredInErrorRequest): Observable<VitalSignObservation> {
    return this.http.post<VitalSignObservation>(
      `${this.baseUrl}/api/vital-signs/${encodeURIComponent(observationId)}/entered-in-error`,
      body,
    );
  }

  /** The order lines of the encounter's treatment sheets, each with what was given against it so far. */
  medicationOrders(encounterId: string): Observable<MedicationOrderLine[]> {
    return this.http.get<MedicationOrderLine[]>(`${this.encounterUrl(encounterId)}/medication-orders`);
  }

  medicationAdministrations(encounterId: string): Observable<MedicationAdministration[]> {
    return this.http.get<MedicationAdministration[]>(`${this.encounterUrl(encounterId)}/medication-administrations`);
  }

  recordAdministration(encounterId: string, body: RecordAdministrationRequest): Observable<MedicationAdministration> {
    return this.http.post<MedicationAdministration>(`${this.encounterUrl(encounterId)}/medication-administrations`, body);
  }

  markAdministrationEnteredInError(administrationId: string, body: MarkEnteredInErrorRequest): Observable<MedicationAdministration> {
    return this.http.post<MedicationAdministration>(
      `${this.baseUrl}/api/medication-administrations/${encodeURIComponent(administrationId)}/entered-in-error`,
      body,
    );
  }

  private encounterUrl(encounterId: string): string {
    return `${this.baseUrl}/api/encounters/${encodeURIComponent(encounterId)}`;
  }
}
