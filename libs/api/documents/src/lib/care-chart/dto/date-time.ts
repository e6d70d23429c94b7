import { applyDecorators } from '@nestjs/common';
import { Matches } from 'class-validator';

/** An ISO 8601 date-time with seconds optional and an explicit offset: clinical time is never ambiguous. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export const IsDateTime = () =>
  applyDecorators(Matches(DATE_TIME, { message: ({ property }) => `${property} must be a date-time with a time zone (e.g. 2026-11-28T08:00:00+07:00)` }));
