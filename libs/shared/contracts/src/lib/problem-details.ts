/** RFC 9457 problem details, the body of every HTTP error Benhan returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Correlates the error with the server's log lines. */
  requestId?: string;
  /** Validation failures, one per field (400). `field` is a dotted path into the request body or query. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  message: string;
  /** The rule that failed (e.g. `maximum`, `required`, `additionalProperties`), for clients that translate messages. */
  code?: string;
}
