import { assertUnreachable } from '@benhan/api/core';
import type { IssueType } from './fhir.types';

export type FhirErrorCode =
  | 'unknown_resource_type'
  | 'not_found'
  | 'unknown_search_parameter'
  | 'invalid_search_parameter'
  | 'unsupported_format'
  | 'unsupported_media_type'
  | 'scope_missing'
  | 'not_supported'
  | 'unknown_route'
  | 'invalid_resource'
  | 'too_large'
  | 'unprocessable'
  | 'conflict'
  | 'precondition_failed';

/**
 * An error of the FHIR facade. It carries what an OperationOutcome issue needs: the issue type and the
 * FHIRPath of the element or search parameter at fault (`expression`).
 */
export class FhirError extends Error {
  readonly status: number;
  readonly issueType: IssueType;

  constructor(
    readonly code: FhirErrorCode,
    message: string,
    readonly expression: string[] = [],
  ) {
    super(message);
    this.name = FhirError.name;
    [this.status, this.issueType] = FhirError.statusOf(code);
  }

  private static statusOf(code: FhirErrorCode): [number, IssueType] {
    switch (code) {
      case 'unknown_resource_type':
        return [404, 'not-supported'];
      case 'not_found':
        return [404, 'not-found'];
      case 'unknown_search_parameter':
        return [400, 'not-supported'];
      case 'invalid_search_parameter':
        return [400, 'invalid'];
      case 'unsupported_format':
        return [406, 'not-supported'];
      case 'unsupported_media_type':
        return [415, 'not-supported'];
      case 'scope_missing':
        return [403, 'forbidden'];
      case 'not_supported':
        return [405, 'not-supported'];
      case 'unknown_route':
        return [404, 'not-supported'];
      case 'invalid_resource':
        return [400, 'invalid'];
      case 'too_large':
        return [413, 'too-long'];
      case 'unprocessable':
        return [422, 'processing'];
      case 'conflict':
        return [409, 'conflict'];
      case 'precondition_failed':
        return [412, 'conflict'];
      default:
        return assertUnreachable(code);
    }
  }
}
