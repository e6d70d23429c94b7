import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AmendDocumentRequest,
  CreateDocumentRequest,
  DocumentDiff,
  DocumentSummary,
  DocumentVersion,
  DocumentVersionSummary,
  EncounterCompleteness,
  EncounterType,
  FormDefinition,
  FormSettingsRequest,
  FormSummary,
  SaveDraftRequest,
  UploadFormRequest,
} from '@benhan/shared/contracts';
import type { Observable } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';

/**
 * Thin typed client of the clinical documents: the form registry (`/api/forms`), an encounter's documents and
 * completeness, and the versions of one document (`/api/documents`). A 400 `invalid_content` carries one
 * `errors[]` entry per field with a JSON Pointer into the content.
 */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  /** The registry's forms (each at its latest schema version, with this facility's settings), optionally only those allowed for an encounter type. */
  forms(encounterType?: EncounterType): Observable<FormSummary[]> {
    const params = encounterType ? new HttpParams().set('encounterType', encounterType) : undefined;
    return this.http.get<FormSummary[]>(`${this.baseUrl}/api/forms`, { params });
  }

  /** The latest schema version of a form. */
  form(code: string): Observable<FormDefinition> {
    return this.http.get<FormDefinition>(`${this.baseUrl}/api/forms/${encodeURIComponent(code)}`);
  }

  /** A given schema version of a form: a document is edited with the schema it was written against. */
  formVersion(code: string, version: number): Observable<FormDefinition> {
    return this.http.get<FormDefinition>(`${this.baseUrl}/api/forms/${encodeURIComponent(code)}/versions/${version}`);
  }

  /**
   * Uploads a form definition (admin): a new code is a new form, an existing one gets a new schema version, and an
   * identical definition changes nothing. A 400 `invalid_form` names each bad entry (`schema.properties.x`, `signers[0].role`).
   */
  uploadForm(body: UploadFormRequest): Observable<FormDefinition> {
    return this.http.post<FormDefinition>(`${this.baseUrl}/api/forms`, body);
  }

  /** This facility's signer matrix, completeness rule and active flag of a form (admin); a 400 names the bad entry (`signers[0].step`). */
  saveFormSettings(code: string, body: FormSettingsRequest): Observable<FormDefinition> {
    return this.http.put<FormDefinition>(`${this.baseUrl}/api/forms/${encodeURIComponent(code)}/settings`, body);
  }

  forEncounter(encounterId: string): Observable<DocumentSummary[]> {
    return this.http.get<DocumentSummary[]>(`${this.encounterUrl(encounterId)}/documents`);
  }

  /** Creates a document as version 1, a draft of the caller's. */
  create(encounterId: string, body: CreateDocumentRequest): Observable<DocumentVersion> {
    return this.http.post<DocumentVersion>(`${this.encounterUrl(encounterId)}/documents`, body);
  }

  completeness(encounterId: string): Observable<EncounterCompleteness> {
    return this.http.get<EncounterCompleteness>(`${this.encounterUrl(encounterId)}/completeness`);
  }

  get(documentId: string): Observable<DocumentSummary> {
    return this.http.get<DocumentSummary>(this.documentUrl(documentId));
  }

  /** The history: who saved each version, in which role and department, when, why, and its sign-offs. */
  versions(documentId: string): Observable<DocumentVersionSummary[]> {
    return this.http.get<DocumentVersionSummary[]>(`${this.documentUrl(documentId)}/versions`);
  }

  version(documentId: string, number: number): Observable<DocumentVersion> {
    return this.http.get<DocumentVersion>(`${this.documentUrl(documentId)}/versions/${number}`);
  }

  /** Saves the author's draft; 409 when the revision is stale or the version was signed, 403 for anyone else. */
  saveDraft(documentId: string, number: number, body: SaveDraftRequest): Observable<DocumentVersion> {
    return this.http.put<DocumentVersion>(`${this.documentUrl(documentId)}/versions/${number}`, body);
  }

  /** Starts version N+1 (a draft) from the signed latest version; the reason is required. */
  amend(documentId: string, body: AmendDocumentRequest): Observable<DocumentVersion> {
    return this.http.post<DocumentVersion>(`${this.documentUrl(documentId)}/versions`, body);
  }

  /** What changed between two versions, leaf by leaf (JSON Pointer paths). */
  diff(documentId: string, from: number, to: number): Observable<DocumentDiff> {
    const params = new HttpParams().set('from', from).set('to', to);
    return this.http.get<DocumentDiff>(`${this.documentUrl(documentId)}/diff`, { params });
  }

  private encounterUrl(encounterId: string): string {
    return `${this.baseUrl}/api/encounters/${encodeURIComponent(encounterId)}`;
  }

  private documentUrl(documentId: string): string {
    return `${this.baseUrl}/api/documents/${encodeURIComponent(documentId)}`;
  }
}
