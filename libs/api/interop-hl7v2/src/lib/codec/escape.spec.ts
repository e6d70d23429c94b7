import { decodeHl7Bytes, encodeHl7Text } from './charset';
import { DEFAULT_DELIMITERS } from './delimiters';
import { escapeText, unescapeText } from './escape';
import { Hl7Message } from './message';

const d = DEFAULT_DELIMITERS;

describe('HL7 escape sequences', () => {
  it('decodes \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ into the declared delimiters', () => {
    expect(unescapeText('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f', d)).toBe('a|b^c&d~e\\f');
  });

  it('decodes \\Xhh…\\ as bytes in the charset (UTF-8 by default, so a multi-byte character survives)', () => {
    expect(unescapeText('\\X0D\\', d)).toBe('\r');
    expect(unescapeText('Nguy\\XE1BB85\\n', d)).toBe('Nguyễn');
    expect(Hl7Message.parse(Buffer.from('MSH|^~\\&|A|B|C|D|20261128||ADT^A08|1|P|2.5.1||||||8859/1\rNTE|1||caf\\XE9\\\r', 'latin1')).get('NTE-3')).toBe('café');
  });

  it('turns \\.br\\ into a line break and keeps unknown or unterminated sequences literally', () => {
    expect(unescapeText('one\\.br\\two', d)).toBe('one\ntwo');
    expect(unescapeText('\\H\\bold\\N\\', d)).toBe('\\H\\bold\\N\\');
    expect(unescapeText('\\.sp2\\x\\Zfoo\\F\\', d)).toBe('\\.sp2\\x\\Zfoo|');
    expect(unescapeText('C:\\temp', d)).toBe('C:\\temp');
    expect(unescapeText('\\X0\\', d)).toBe('\\X0\\');
  });

  it('escapes what a value must not carry raw, and reads it back unchanged', () => {
    const value = 'A|B^C&D~E\\F\nG\r\nH\rI';
    const escaped = escapeText(value, d);
    expect(escaped).toBe('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F\\.br\\G\\.br\\H\\X0D\\I');
    expect(unescapeText(escaped, d)).toBe('A|B^C&D~E\\F\nG\nH\rI');
  });
});

describe('HL7 charsets (MSH-18)', () => {
  const msh = (charset: string) => `MSH|^~\\&|A|B|C|D|20261128||ADT^A08|1|P|2.5.1||||||${charset}\rPID|1||||`;

  it('reads UTF-8 when MSH-18 says UNICODE UTF-8, and writes the same bytes back', () => {
    const bytes = Buffer.from(`${msh('UNICODE UTF-8')}NGUYỄN^THỊ HƯỜNG\r`, 'utf8');
    const msg = Hl7Message.parse(bytes);
    expect(msg.declaredCharset).toBe('UNICODE UTF-8');
    expect(msg.get('PID-5.2')).toBe('THỊ HƯỜNG');
    expect(msg.toBuffer().equals(bytes)).toBe(true);
  });

  it('reads 8859/1 as ISO-8859-1 whatever the bytes', () => {
    const bytes = Buffer.from(`${msh('8859/1')}MÜLLER^JOSÉ\r`, 'latin1');
    const msg = Hl7Message.parse(bytes);
    expect([msg.encoding, msg.get('PID-5'), msg.get('PID-5.2')]).toEqual(['latin1', 'MÜLLER', 'JOSÉ']);
    expect(msg.toBuffer().equals(bytes)).toBe(true);
  });

  it('falls back to Windows-1252 when undeclared (or ASCII) bytes are not UTF-8, and writes them back unchanged', () => {
    for (const charset of ['', 'ASCII']) {
      const bytes = Buffer.concat([Buffer.from(`${msh(charset)}DR\u0085`, 'latin1'), Buffer.from([0x80, 0x9f, 0xe9, 0x0d])]);
      const decoded = decodeHl7Bytes(bytes);
      expect(decoded.encoding).toBe('windows-1252');
      expect(decoded.text.endsWith('DR…€Ÿé\r')).toBe(true);
      expect(encodeHl7Text(decoded.text, 'windows-1252').equals(bytes)).toBe(true);
    }
  });

  it('reads undeclared valid UTF-8 as UTF-8', () => {
    expect(decodeHl7Bytes(Buffer.from(`${msh('')}SEBASTIÁN\r`, 'utf8'))).toMatchObject({ encoding: 'utf-8', declaredCharset: '' });
  });
});
