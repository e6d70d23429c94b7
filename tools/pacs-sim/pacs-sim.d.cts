// Types of pacs-sim.cjs for TypeScript callers: `const { startPacsSimulator } = require('…/tools/pacs-sim/pacs-sim.cjs') as typeof import('…/tools/pacs-sim/pacs-sim.cjs')`.
import type { Hl7Simulator, SimulatorOptions } from '../hl7-sim/simulator.cjs';

export type { AckMode, Hl7Simulator, ReceivedEntry, SentEntry, SimulatorEntry } from '../hl7-sim/simulator.cjs';

/** abnormalRate: share of reports written with abnormal findings. */
export type PacsSimulatorOptions = SimulatorOptions;

export type PacsSimulator = Hl7Simulator;

export function startPacsSimulator(options?: PacsSimulatorOptions): Promise<PacsSimulator>;

/** A new DICOM UID `2.25.<decimal>` (what the simulator uses when the order carried no ZDS). */
export function newStudyUid(): string;
