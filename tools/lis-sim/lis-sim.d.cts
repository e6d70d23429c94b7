// Types of lis-sim.cjs for TypeScript callers: `const { startLisSimulator } = require('…/tools/lis-sim/lis-sim.cjs') as typeof import('…/tools/lis-sim/lis-sim.cjs')`.
import type { Hl7Simulator, SimulatorOptions } from '../hl7-sim/simulator.cjs';

export type { AckMode, Hl7Simulator, ReceivedEntry, SentEntry, SimulatorEntry } from '../hl7-sim/simulator.cjs';

export interface LisSimulatorOptions extends SimulatorOptions {
  /** Share of the abnormal values that are critical (LL/HH, beyond the catalogue's critical limits), 0 to 1 (default 0). */
  criticalRate?: number;
  /** Another lab catalogue than libs/api/orders/src/lib/catalogue/lab.json (same shape). */
  catalogue?: { tests: unknown[]; panels: unknown[] };
}

export type LisSimulator = Hl7Simulator;

export function startLisSimulator(options?: LisSimulatorOptions): Promise<LisSimulator>;
