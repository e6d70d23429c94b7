import { Hl7ParseError } from './hl7.errors';

/**
 * A position in a message, 1-based like the standard's names: `PID-3`, `PID-3[2].1` (second repetition, first component),
 * `OBR-32.1.2` (component 1, sub-component 2). `PID.3.1` is accepted too, as many tools write it.
 */
export interface Hl7Path {
  readonly segment: string;
  readonly field: number;
  readonly repetition: number;
  readonly component?: number;
  readonly subComponent?: number;
}

const PATH = /^([A-Z][A-Z0-9]{2})[-.](\d+)(?:\[(\d+)\])?(?:\.(\d+)(?:\.(\d+))?)?$/;

export function parseHl7Path(path: string): Hl7Path {
  const m = PATH.exec(path.trim());
  if (!m) throw new Hl7ParseError('BAD_PATH', JSON.stringify(path));
  const [, segment, field, repetition, component, subComponent] = m;
  const parsed: Hl7Path = {
    segment,
    field: Number(field),
    repetition: repetition === undefined ? 1 : Number(repetition),
    component: component === undefined ? undefined : Number(component),
    subComponent: subComponent === undefined ? undefined : Number(subComponent),
  };
  if (parsed.field < 1 || parsed.repetition < 1 || parsed.component === 0 || parsed.subComponent === 0) throw new Hl7ParseError('BAD_PATH', `${JSON.stringify(path)}: positions start at 1`);
  return parsed;
}
