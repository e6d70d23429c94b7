import { Injectable } from '@nestjs/common';

/** The one source of "now" for domain logic, so tests can move time (lockout expiry, token lifetimes). */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
