import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DiagnosticReport,
  ImagingProcedureDefinition,
  InboxEntry,
  LabCatalogue,
  Observation,
  OrderDetail,
  Page,
  PageRequest,
  PlaceOrderRequest,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';
import { toParams } from '../http/query-params';

/**
 * Thin typed client of orders and results: the lab and imaging catalogues, an encounter's orders (placed as
 * drafts, activated by the doctor's PIN signature of the order sheet, revoked or marked entered-in-error with a
 * reason), the departments' results inbox with acknowledgement, and one test's values over time for a patient.
 * There is no call for one report alone: a report is read from its order (`get(orderId).reports`).
 */
@Injectable({ providedIn: 'root' })
export class OrdersApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  labCatalogue(): Observable<LabCatalogue> {
    return this.http.get<LabCatalogue>(`${this.baseUrl}/api/order-catalogue/lab`);
  }

  imagingCatalogue(): Observable<ImagingProcedureDefinition[]> {
    return this.http.get<ImagingProcedureDefinition[]>(`${this.baseUrl}/api/order-catalogue/imaging`);
  }

  /** The encounter's orders with their reports. */
  forEncounter(encounterId: string): Observable<OrderDetail[]> {
    return this.http.get<OrderDetail[]>(this.encounterOrdersUrl(encounterId));
  }

  /** Places an order as a draft, with its unsigned order sheet. */
  place(encounterId: string, body: PlaceOrderRequest): Observable<OrderDetail> {
    return this.http.post<OrderDetail>(this.encounterOrdersUrl(encounterId), body);
  }

  get(orderId: string): Observable<OrderDetail> {
    return this.http.get<OrderDetail>(this.orderUrl(orderId));
  }

  /** Signs the order sheet with the doctor's PIN; the order becomes active. */
  activate(orderId: string, pin: string): Observable<OrderDetail> {
    return this.http.post<OrderDetail>(`${this.orderUrl(orderId)}/activate`, { pin });
  }

  /** Cancels an order the lab has not started; the reason is required. */
  revoke(orderId: string, reason: string): Observable<OrderDetail> {
    return this.http.post<OrderDetail>(`${this.orderUrl(orderId)}/revoke`, { reason: reason.trim() });
  }

  /** Marks an order placed by mistake; the reason is required. */
  enteredInError(orderId: string, reason: string): Observable<OrderDetail> {
    return this.http.post<OrderDetail>(`${this.orderUrl(orderId)}/entered-in-error`, { reason: reason.trim() });
  }

  /** The caller's departments' unacknowledged results, critical first, then abnormal. */
  inbox(page: PageRequest = {}): Observable<Page<InboxEntry>> {
    return this.http.get<Page<InboxEntry>>(`${this.baseUrl}/api/results/inbox`, { params: toParams(page) });
  }

  acknowledge(reportId: string): Observable<DiagnosticReport> {
    return this.http.post<DiagnosticReport>(`${this.baseUrl}/api/results/${encodeURIComponent(reportId)}/acknowledge`, {});
  }

  /** One test's current values for a patient over time (LOINC or service code). */
  trend(patientId: string, code: string): Observable<Observation[]> {
    const params = new HttpParams().set('code', code);
    return this.http.get<Observation[]>(`${this.baseUrl}/api/patients/${encodeURIComponent(patientId)}/observations`, { params });
  }

  private encounterOrdersUrl(encounterId: string): string {
    return `${this.baseUrl}/api/encounters/${encodeURIComponent(encounterId)}/orders`;
  }

  private orderUrl(orderId: string): string {
    return `${this.baseUrl}/api/orders/${encodeURIComponent(orderId)}`;
  }
}
