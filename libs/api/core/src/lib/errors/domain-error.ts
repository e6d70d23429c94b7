import type { FieldError } from '@benhan/shared/contracts';

/**
 * Base of every domain's error class. A domain declares its own code enum and maps each code to an
 * HTTP status with an exhaustive switch; the ProblemDetailsFilter turns any DomainError into RFC 9457.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  abstract readonly status: number;

  protected constructor(
    readonly code: Code,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Compile-time proof that a switch handled every member of a union. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
