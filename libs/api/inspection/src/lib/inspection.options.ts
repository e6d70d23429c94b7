export interface InspectionOptions {
  /** Sign the chain head after this many new events… */
  checkpointEveryEvents: number;
  /** …or after this many minutes with at least one new event. */
  checkpointEveryMinutes: number;
  /** Hours between scheduled integrity checks from genesis; 0 = none. */
  integrityIntervalHours: number;
  /** Where the API is reached from outside (printed on reports). */
  publicUrl: string;
}

export const INSPECTION_OPTIONS = Symbol('INSPECTION_OPTIONS');
