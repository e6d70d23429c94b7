import { CsvSyntaxError, CsvTable, parseCsv } from './parse-csv';

describe(parseCsv.name, () => {
  it('splits records on LF and cells on commas', () => {
    expect(parseCsv('code,name\n01,Kinh\n02,Tày\n')).toEqual([
      ['code', 'name'],
      ['01', 'Kinh'],
      ['02', 'Tày'],
    ]);
  });

  it('keeps commas inside a quoted field', () => {
    expect(parseCsv('A00.9,"Bệnh tả, không đặc hiệu","Cholera, unspecified"')).toEqual([['A00.9', 'Bệnh tả, không đặc hiệu', 'Cholera, unspecified']]);
  });

  it('reads "" inside a quoted field as one quote', () => {
    expect(parseCsv('x,"He said ""no"", twice",y')).toEqual([['x', 'He said "no", twice', 'y']]);
    expect(parseCsv('"""quoted"""')).toEqual([['"quoted"']]);
  });

  it('accepts CRLF record ends (RFC 4180) and keeps line breaks inside quotes', () => {
    expect(parseCsv('a,b\r\n1,"two\r\nlines"\r\n3,4\r\n')).toEqual([
      ['a', 'b'],
      ['1', 'two\r\nlines'],
      ['3', '4'],
    ]);
  });

  it('keeps empty cells, an empty quoted cell and a last record without a line break', () => {
    expect(parseCsv('a,,""\n,x,')).toEqual([
      ['a', '', ''],
      ['', 'x', ''],
    ]);
  });

  it('drops a byte-order mark and returns nothing for an empty text', () => {
    expect(parseCsv('\uFEFFcode\n01')).toEqual([['code'], ['01']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('refuses malformed quoting, naming the line', () => {
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(new CsvSyntaxError('a quote inside an unquoted field', 2));
    expect(() => parseCsv('a\n"x"y')).toThrow(new CsvSyntaxError('text after a closing quote', 2));
    expect(() => parseCsv('a\n\n"open,\nstill open')).toThrow(new CsvSyntaxError('a quoted field is never closed', 3));
  });
});

describe(CsvTable.name, () => {
  const table = CsvTable.parse('code,name_vi,province_code\n00004,Phường Ba Đình,01\n', 'communes.csv');

  it('finds a column by header name or by 1-based position', () => {
    expect(table.index('name_vi')).toBe(1);
    expect(table.index(3)).toBe(2);
  });

  it('refuses an unknown column and a row with a wrong cell count', () => {
    expect(() => table.index('name')).toThrow(/no column "name"/);
    expect(() => table.index(4)).toThrow(/no column 4/);
    expect(() => CsvTable.parse('a,b\n1,2,3\n', 'bad.csv')).toThrow('bad.csv line 2: 3 cells, the header has 2');
  });

  it('normalises text to NFC so decomposed input matches the stored titles', () => {
    expect(CsvTable.parse('name\nNguye\u0302\u0303n\n', 'x.csv').rows[0][0]).toBe('Nguyễn');
  });
});
