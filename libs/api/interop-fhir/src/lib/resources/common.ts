import type { Coding, FhirMeta, Reference } from '../fhir.types';

export const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const ICD10 = 'http://hl7.org/fhir/sid/icd-10';

export function ref(type: string, id: string, display?: string | null): Reference {
  return { reference: `${type}/${id}`, ...(display ? { display } : {}) };
}

export function meta(versionId: number | string, lastUpdated: Date | string, profile?: string[]): FhirMeta {
  return { versionId: String(versionId), lastUpdated: iso(lastUpdated), ...(profile ? { profile } : {}) };
}

export function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

export function concept(coding: Coding, text?: string): { coding: Coding[]; text?: string } {
  return { coding: [coding], ...(text ? { text } : {}) };
}

/** Drop null, undefined and empty arrays/strings: FHIR refuses empty elements. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}
