import { FhirError } from './fhir.errors';
import type { FhirResourceProvider } from './fhir-provider';

export const FHIR_PROVIDERS = Symbol('FHIR_PROVIDERS');

/** The resource types this server implements, by name. Built from the FHIR_PROVIDERS list of the module. */
export class FhirRegistry {
  private readonly byType: Map<string, FhirResourceProvider>;

  constructor(providers: readonly FhirResourceProvider[]) {
    this.byType = new Map(providers.map((p) => [p.type, p]));
    if (this.byType.size !== providers.length) throw new Error('FHIR: two providers serve the same resource type');
  }

  get(type: string): FhirResourceProvider {
    const provider = this.byType.get(type);
    if (!provider) throw new FhirError('unknown_resource_type', `Resource type "${type}" is not supported by this server; see /fhir/R4/metadata`, [type]);
    return provider;
  }

  all(): FhirResourceProvider[] {
    return [...this.byType.values()].sort((a, b) => a.type.localeCompare(b.type));
  }
}
