import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  InterfaceMessageDetail,
  InterfaceMessageQuery,
  InterfaceMessageSummary,
  InterfacesOverview,
  Page,
  ReplayInterfaceMessageRequest,
  ReplayInterfaceMessageResponse,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

/**
 * Thin typed client of the HL7 v2 interfaces with the LIS and the PACS, for the administrator: the overview (the
 * MLLP listener, each destination's connection and outbox, the quarantine), the message log with its raw text and
 * acknowledgement, and the replay of a quarantined inbound message (edited or not) or a failed/delivered outbound one.
 */
@Injectable({ providedIn: 'root' })
export class InterfacesApi {
  private readonly http = inject(HttpClient);
  private readonly url = inject(API_BASE_URL) + '/api/interfaces';

  overview(): Observable<InterfacesOverview> {
    return this.http.get<InterfacesOverview>(this.url);
  }

  /** The log, newest first, filtered by whatever the query fills in (empty strings are left out). */
  messages(query: InterfaceMessageQuery = {}): Observable<Page<InterfaceMessageSummary>> {
    let params = new HttpParams();
    for (const [name, value] of Object.entries(query) as [string, string | number | undefined][]) {
      if (value === undefined || value === null) continue;
      const text = typeof value === 'string' ? value.trim() : String(value);
      if (text !== '') params = params.set(name, text);
    }
    return this.http.get<Page<InterfaceMessageSummary>>(`${this.url}/messages`, { params });
  }

  message(id: string): Observable<InterfaceMessageDetail> {
    return this.http.get<InterfaceMessageDetail>(this.messageUrl(id));
  }

  /**
   * Replays a message: an inbound quarantined one with the administrator's edited text (or as received, without
   * text); an outbound one as it was built (never with text).
   */
  replay(id: string, text?: string): Observable<ReplayInterfaceMessageResponse> {
    const body: ReplayInterfaceMessageRequest = text === undefined ? {} : { text };
    return this.http.post<ReplayInterfaceMessageResponse>(`${this.messageUrl(id)}/replay`, body);
  }

  private messageUrl(id: string): string {
    return `${this.url}/messages/${encodeURIComponent(id)}`;
  }
}
