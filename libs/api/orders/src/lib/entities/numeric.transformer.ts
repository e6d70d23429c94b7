import type { ValueTransformer } from 'typeorm';

/** PostgreSQL numeric comes back as a string (exact decimal); lab values fit a double without loss. */
export const NUMERIC: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
