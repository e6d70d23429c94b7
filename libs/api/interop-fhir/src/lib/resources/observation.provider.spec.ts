import { parseSearch } from '../search/search-params';
import { ObservationProvider, sourcesOf } from './observation.provider';
import { SERVICE_CODE_SYSTEM } from './orders.mappers';

const declared = new ObservationProvider(undefined as never, undefined as never).searchParams;
const sources = (query: string) => sourcesOf(parseSearch(new URLSearchParams(query), declared, false));

describe(sourcesOf.name, () => {
  it('searches the lab table alone for category=laboratory, a code no vital sign has, a service code or based-on', () => {
    expect(sources('category=laboratory')).toEqual(['lab']);
    expect(sources('code=http://loinc.org|2951-2')).toEqual(['lab']);
    expect(sources(`code=${SERVICE_CODE_SYSTEM}|SH-ELEC`)).toEqual(['lab']);
    expect(sources('based-on=ServiceRequest/0b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a10')).toEqual(['lab']);
  });

  it('searches the vital signs alone for category=vital-signs', () => {
    expect(sources('category=vital-signs&code=8867-4')).toEqual(['vital']);
  });

  it('keeps both sources when both can match: no restriction, both categories, or a vital-sign LOINC code a lab may also report', () => {
    expect(sources('patient=Patient/0b0e4d3e-6f1c-4d55-9a39-2d6f0f5f5a10&date=ge2026')).toEqual(['vital', 'lab']);
    expect(sources('category=vital-signs,laboratory')).toEqual(['vital', 'lab']);
    expect(sources('code=http://loinc.org|8867-4')).toEqual(['vital', 'lab']);
    expect(sources('code=8310-5,2951-2')).toEqual(['vital', 'lab']);
  });

  it('searches nothing when the clauses cannot all match one source (AND across clauses)', () => {
    expect(sources('category=vital-signs&category=laboratory')).toEqual([]);
    expect(sources('category=vital-signs&code=2951-2')).toEqual([]);
    expect(sources('category=survey')).toEqual([]);
    expect(sources('code=http://snomed.info/sct|271649006')).toEqual([]);
  });
});
