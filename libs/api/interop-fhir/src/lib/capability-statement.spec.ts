import { capabilityStatement } from './capability-statement';
import type { FhirResourceProvider } from './fhir-provider';
import { FhirRegistry } from './fhir-registry';

function provider(type: string, params: string[], readVersion = false): FhirResourceProvider {
  return {
    type,
    documentation: type,
    roles: ['doctor'],
    audit: null,
    searchParams: params.map((name) => ({ name, type: 'token' as const, documentation: name })),
    read: async () => null,
    search: async () => ({ hits: [], total: 0 }),
    ...(readVersion ? { readVersion: async () => null } : {}),
  };
}

describe(capabilityStatement.name, () => {
  const registry = new FhirRegistry([provider('Patient', ['_id', 'identifier']), provider('DocumentReference', ['patient'], true)]);
  const cs = capabilityStatement(registry, { baseUrl: 'http://h/fhir/R4', tokenUrl: 'http://h/api/auth/token', date: '2026-01-01T00:00:00.000Z', version: '1' }) as unknown as {
    fhirVersion: string;
    rest: { mode: string; searchParam: { name: string }[]; security: { extension: { extension: { valueUri: string }[] }[] }; resource: { type: string; readHistory: boolean; searchParam: { name: string }[] }[] }[];
  };

  it('lists exactly the registered types, sorted, with their declared search parameters', () => {
    expect(cs.fhirVersion).toBe('4.0.1');
    expect(cs.rest[0].resource.map((r) => [r.type, r.searchParam.map((s) => s.name), r.readHistory])).toEqual([
      ['DocumentReference', ['patient'], true],
      ['Patient', ['_id', 'identifier'], false],
    ]);
  });

  it('publishes the result parameters every type takes, _total among them', () => {
    expect(cs.rest[0].searchParam.map((s) => s.name)).toEqual(['_count', '_offset', '_total']);
  });

  it('names the OAuth token endpoint of the SMART security service', () => {
    expect(cs.rest[0].security.extension[0].extension[0].valueUri).toBe('http://h/api/auth/token');
  });

  it('refuses two providers for one type, and answers an unknown type with a 404 FHIR error', () => {
    expect(() => new FhirRegistry([provider('Patient', []), provider('Patient', [])])).toThrow('same resource type');
    expect(() => registry.get('Medication')).toThrow(expect.objectContaining({ status: 404, expression: ['Medication'] }));
  });
});
