import type {
  ImagingProcedureDefinition,
  Interpretation,
  LabCatalogue,
  LabPanelDefinition,
  LabTestDefinition,
  ReferenceRange,
} from '@benhan/shared/contracts';

// The catalogue ships as JSON data beside this file: the workspace does not enable resolveJsonModule, and
// webpack inlines a required JSON file into the API bundle.
const LAB = require('./lab.json') as LabCatalogue;
const IMAGING = require('./imaging.json') as { procedures: ImagingProcedureDefinition[] };

/** The UCUM unit strings the catalogue (and the results it checks) may use. */
export const UCUM_UNITS = ['10*3/uL', '10*6/uL', 'g/L', 'g/dL', '%', 'fL', 'pg', 'mmol/L', 'umol/L', 'mg/dL', 'mg/L', 'U/L', 'ng/L', 'ng/mL'] as const;

const LOINC = /^(\d{1,7})-(\d)$/;

/** LOINC codes end in a mod-10 (Luhn) check digit over the digits before the hyphen. */
export function isValidLoinc(code: string): boolean {
  const match = LOINC.exec(code);
  if (!match) return false;
  let sum = 0;
  [...match[1]].reverse().forEach((ch, i) => {
    let d = Number(ch);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  });
  return (10 - (sum % 10)) % 10 === Number(match[2]);
}

/** A result's interpretation from its range: critical beyond the critical limits, L/H beyond the reference range. */
export function interpret(value: number, range: Pick<ReferenceRange, 'low' | 'high' | 'criticalLow' | 'criticalHigh'> | null): Interpretation | null {
  if (!range) return null;
  if (range.criticalLow !== null && value < range.criticalLow) return 'LL';
  if (range.criticalHigh !== null && value > range.criticalHigh) return 'HH';
  if (range.low !== null && value < range.low) return 'L';
  if (range.high !== null && value > range.high) return 'H';
  if (range.low === null && range.high === null) return null;
  return 'N';
}

/** The shipped catalogue of lab tests, panels and imaging procedures, looked up by service code or LOINC. */
export class OrderCatalogue {
  private readonly tests = new Map(LAB.tests.map((t) => [t.serviceCode, t]));
  private readonly testsByLoinc = new Map(LAB.tests.filter((t) => t.loinc).map((t) => [t.loinc as string, t]));
  private readonly panels = new Map(LAB.panels.map((p) => [p.serviceCode, p]));
  private readonly procedures = new Map(IMAGING.procedures.map((p) => [p.serviceCode, p]));

  lab(): LabCatalogue {
    return LAB;
  }

  imaging(): ImagingProcedureDefinition[] {
    return IMAGING.procedures;
  }

  test(serviceCode: string): LabTestDefinition | undefined {
    return this.tests.get(serviceCode);
  }

  panel(serviceCode: string): LabPanelDefinition | undefined {
    return this.panels.get(serviceCode);
  }

  procedure(serviceCode: string): ImagingProcedureDefinition | undefined {
    return this.procedures.get(serviceCode);
  }

  /** A result's code is a test's LOINC or, for a test without one, its service code. */
  testForResultCode(code: string): LabTestDefinition | undefined {
    return this.testsByLoinc.get(code) ?? this.tests.get(code);
  }

  /** The service codes a lab order's item covers: the test itself, or a panel's members. */
  testsCovered(serviceCode: string): LabTestDefinition[] {
    const panel = this.panels.get(serviceCode);
    if (panel) return panel.members.map((m) => this.tests.get(m)).filter((t): t is LabTestDefinition => !!t);
    const test = this.tests.get(serviceCode);
    return test ? [test] : [];
  }
}
