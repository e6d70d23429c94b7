/**
 * POSIX ustar, enough for files that `tar -xf` opens anywhere: a signature's verification kit (built in memory)
 * and the facility's archive export (streamed: header, the file's bytes, padding, and the end marker).
 */

const BLOCK = 512;

/** The 512-byte header of one regular file. Names are limited to 100 bytes (no prefix field). */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new RangeError(`tar entry name too long: ${name}`);
  if (size >= 8 ** 11) throw new RangeError(`tar entry too large for ustar: ${name}`);
  const header = Buffer.alloc(BLOCK);
  header.write(name, 0, 100, 'utf8');
  header.write('0000644\0', 100, 8, 'ascii');
  header.write('0000000\0', 108, 8, 'ascii');
  header.write('0000000\0', 116, 8, 'ascii');
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
  header.write(`${Math.floor(mtime.getTime() / 1000).toString(8).padStart(11, '0')}\0`, 136, 12, 'ascii');
  header.write('        ', 148, 8, 'ascii');
  header.write('0', 156, 1, 'ascii');
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

/** Zeros after a file's bytes up to the next block. */
export function tarPadding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** Two zero blocks end the archive. */
export const TAR_END = Buffer.alloc(2 * BLOCK);

/** A whole archive of small files, in memory. */
export function tarArchive(files: { name: string; content: Buffer | string }[], mtime = new Date()): Buffer {
  const blocks: Buffer[] = [];
  for (const file of files) {
    const content = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
    blocks.push(tarHeader(file.name, content.length, mtime), content, tarPadding(content.length));
  }
  blocks.push(TAR_END);
  return Buffer.concat(blocks);
}
