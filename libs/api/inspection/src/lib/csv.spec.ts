import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes UTF-8 with a BOM and CRLF lines, quoting only what needs it', () => {
    const csv = toCsv(['signer', 'reason', 'version'], [
      ['BS. Nguyễn Thị Lan', 'Bổ sung, sửa "chẩn đoán"', 2],
      ['ĐD. Trần Văn Bình', 'dòng 1\ndòng 2', null],
    ]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8').slice(1)).toBe('signer,reason,version\r\nBS. Nguyễn Thị Lan,"Bổ sung, sửa ""chẩn đoán""",2\r\nĐD. Trần Văn Bình,"dòng 1\ndòng 2",\r\n');
  });

  it('never lets a cell start a formula', () => {
    const csv = toCsv(['name'], [['=HYPERLINK("http://x")'], ['+1'], ['-2'], ['@SUM(A1)'], ['a=b']]).toString('utf8').slice(1);
    expect(csv.split('\r\n').slice(1, 6)).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+1", "'-2", "'@SUM(A1)", 'a=b']);
  });
});
