import { aFormSummary, anUpload } from '../../testing/fixtures';
import { readFormFile, uploadKindOf } from './form-file';

describe('readFormFile', () => {
  it('reads a form definition and finds its schema previewable', () => {
    const reading = readFormFile(JSON.stringify(anUpload()));
    expect(reading).toMatchObject({ ok: true, previewable: true });
    expect(reading.ok && reading.definition.code).toBe('E2E/BV2');
  });

  it('says why a text is not a form definition', () => {
    expect(readFormFile('{ "code": ')).toMatchObject({ ok: false, code: 'not_json' });
    expect(readFormFile('[1, 2]')).toEqual({ ok: false, code: 'not_object' });
    expect(readFormFile(JSON.stringify({ ...anUpload(), code: ' ' }))).toEqual({ ok: false, code: 'no_code' });
    expect(readFormFile(JSON.stringify({ ...anUpload(), title: { en: 'Note' } }))).toEqual({ ok: false, code: 'no_title' });
    expect(readFormFile(JSON.stringify({ ...anUpload(), schema: 'object' }))).toEqual({ ok: false, code: 'no_schema' });
  });

  it('leaves a schema the form generator cannot lay out to the server, without a preview', () => {
    const reading = readFormFile(JSON.stringify(anUpload({ schema: { type: 'array', items: { type: 'string' } } })));
    expect(reading).toMatchObject({ ok: true, previewable: false });
  });
});

describe('uploadKindOf', () => {
  it('tells a new form from a new schema version of an existing code', () => {
    const registry = [aFormSummary({ code: '01/BV1', version: 3 })];
    expect(uploadKindOf('E2E/BV2', registry)).toEqual({ kind: 'new_form' });
    expect(uploadKindOf('01/BV1', registry)).toEqual({ kind: 'new_version', current: registry[0] });
  });
});
