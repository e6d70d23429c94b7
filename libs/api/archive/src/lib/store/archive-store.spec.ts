import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdtemp, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ArchiveStoreOptions } from '../archive.options';
import {
  type ArchiveStore,
  ArchiveStoreConflictError,
  ArchiveStoreKeyError,
  ArchiveStoreNotFoundError,
  assertArchiveKey,
} from './archive-store';
import { createArchiveStore } from './create-archive-store';
import { FsArchiveStore } from './fs-archive-store';
import { S3ArchiveStore } from './s3-archive-store';

// ---------------------------------------------------------------------------------------------------
// s3rver 3.7.1 (a Koa app) has no type declarations; this is the part the tests use.
interface KoaContext {
  method: string;
  path: string;
  req: IncomingMessage;
  status: number;
  type: string;
  body: unknown;
  get(header: string): string;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;
interface S3rverInstance {
  middleware: KoaMiddleware[];
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
// A CommonJS module without types.
const S3rver = require('s3rver') as S3rverClass;

const BUCKET = 'archive';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }; // s3rver's built-in account

interface RunningS3 {
  endpoint: string;
  /** Every PutObject the server received: path (/bucket/key) and headers. */
  puts: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

/** A real S3-protocol server on a random port, with one bucket; `first` middlewares run before s3rver's own. */
async function startS3(...first: KoaMiddleware[]): Promise<RunningS3> {
  const directory = await mkdtemp(join(tmpdir(), 'benhan-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const puts: RunningS3['puts'] = [];
  server.middleware.unshift(async (ctx, next) => {
    if (ctx.method === 'PUT') puts.push({ path: ctx.path, headers: ctx.req.headers });
    await next();
  }, ...first);
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    puts,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function s3Options(endpoint: string, prefix: string): Extract<ArchiveStoreOptions, { kind: 's3' }> {
  return { kind: 's3', bucket: BUCKET, region: 'us-east-1', endpoint, ...CREDENTIALS, forcePathStyle: true, prefix };
}

/** A client that bypasses the store, as an operator (or an attacker) with bucket access would. */
function rawClient(endpoint: string): S3Client {
  return new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: CREDENTIALS });
}

// ---------------------------------------------------------------------------------------------------
function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A key shaped like the archive's: <facility>/<year>/<encounter>/g<generation>-<sha256 prefix>.pdf */
function keyFor(body: Buffer): string {
  return `01999/2026/${randomUUID()}/g1-${sha256(body).slice(0, 16)}.pdf`;
}

function pdf(sizeBytes: number): Buffer {
  const body = randomBytes(sizeBytes);
  body.write('%PDF-1.7\n', 0, 'latin1');
  return body;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const INVALID_KEYS = ['../x', '/abs', 'a//b', '', 'a/', 'a/../b', './a', '.hidden', 'a\\b', 'a b', 'x/%2e%2e', 'hồ-sơ.pdf'];

// ---------------------------------------------------------------------------------------------------
interface Backend {
  store: ArchiveStore;
  /** Changes the stored bytes behind the store's back; returns what is stored now. */
  tamper(key: string, original: Buffer): Promise<Buffer>;
}

/** What every ArchiveStore promises, run against each backend. */
function archiveStoreContract(name: string, open: () => Promise<Backend>): void {
  describe(`${name}: the ArchiveStore contract`, () => {
    let backend: Backend;
    let store: ArchiveStore;
    beforeAll(async () => {
      backend = await open();
      store = backend.store;
    });

    it('proves itself reachable (check)', async () => {
      await expect(store.check()).resolves.toBeUndefined();
    });

    it('stores a multi-MB PDF and streams back the same bytes, returning their SHA-256 and size', async () => {
      const body = pdf(6 * 1024 * 1024 + 123);
      const key = keyFor(body);

      const stored = await store.put(key, body);

      expect(stored).toEqual({ key, sizeBytes: body.length, sha256: sha256(body) });
      expect(await store.exists(key)).toBe(true);
      expect((await readAll(await store.get(key))).equals(body)).toBe(true);
      expect(await store.hash(key)).toEqual({ sha256: sha256(body), sizeBytes: body.length });
    });

    it('rejects a second put of the same key and keeps the original bytes (write-once)', async () => {
      const original = pdf(64 * 1024);
      const key = keyFor(original);
      await store.put(key, original);

      await expect(store.put(key, pdf(64 * 1024))).rejects.toBeInstanceOf(ArchiveStoreConflictError);
      await expect(store.put(key, original)).rejects.toThrow(/already exists/);

      expect((await readAll(await store.get(key))).equals(original)).toBe(true);
    });

    it('lets exactly one of concurrent puts of one key win; the others get ArchiveStoreConflictError', async () => {
      const bodies = [0, 1, 2, 3].map(() => pdf(512 * 1024));
      const key = keyFor(bodies[0]);

      const results = await Promise.allSettled(bodies.map((body) => store.put(key, body)));

      const winners = results.flatMap((result, i) => (result.status === 'fulfilled' ? [i] : []));
      expect(winners).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ArchiveStoreConflictError);
      }
      expect(await store.hash(key)).toEqual({ sha256: sha256(bodies[winners[0]]), sizeBytes: 512 * 1024 });
    });

    it('hashes a missing key as null, and get of it throws ArchiveStoreNotFoundError', async () => {
      const key = keyFor(pdf(16));
      expect(await store.hash(key)).toBeNull();
      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(ArchiveStoreNotFoundError);
    });

    it('reports the new hash once the stored bytes were tampered with (fixity check)', async () => {
      const original = pdf(256 * 1024);
      const key = keyFor(original);
      await store.put(key, original);

      const tampered = await backend.tamper(key, original);

      expect(sha256(tampered)).not.toBe(sha256(original));
      expect(await store.hash(key)).toEqual({ sha256: sha256(tampered), sizeBytes: tampered.length });
    });

    it('deletes an object (approved disposal), idempotently, after which the key can be written again', async () => {
      const body = pdf(1024);
      const key = keyFor(body);
      await store.put(key, body);

      await store.delete(key);
      await store.delete(key);

      expect(await store.exists(key)).toBe(false);
      await expect(store.get(key)).rejects.toBeInstanceOf(ArchiveStoreNotFoundError);
      await expect(store.put(key, body)).resolves.toMatchObject({ key });
    });

    it.each(INVALID_KEYS)('rejects the key %j in every operation (no path traversal)', async (key) => {
      const body = Buffer.from('%PDF');
      await expect(store.put(key, body)).rejects.toBeInstanceOf(ArchiveStoreKeyError);
      await expect(store.get(key)).rejects.toBeInstanceOf(ArchiveStoreKeyError);
      await expect(store.hash(key)).rejects.toBeInstanceOf(ArchiveStoreKeyError);
      await expect(store.exists(key)).rejects.toBeInstanceOf(ArchiveStoreKeyError);
      await expect(store.delete(key)).rejects.toBeInstanceOf(ArchiveStoreKeyError);
    });
  });
}

// ---------------------------------------------------------------------------------------------------
describe('ArchiveStore', () => {
  let directory: string;
  let s3: RunningS3;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'benhan-archive-'));
    s3 = await startS3();
  });

  afterAll(async () => {
    await s3?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  describe(assertArchiveKey.name, () => {
    it('accepts the archive key shape <facility>/<year>/<encounter>/g<n>-<hash>.pdf', () => {
      expect(() => assertArchiveKey('01999/2026/0d9e7a52-35e4-4c2f-9b1f-2f0b8f0f3a11/g1-9f86d081884c7d65.pdf')).not.toThrow();
    });

    it.each(INVALID_KEYS)('rejects %j', (key) => {
      expect(() => assertArchiveKey(key)).toThrow(ArchiveStoreKeyError);
    });
  });

  archiveStoreContract('FsArchiveStore', async () => ({
    store: createArchiveStore({ kind: 'fs', directory: join(directory, 'contract') }),
    tamper: async (key, original) => {
      const file = join(directory, 'contract', ...key.split('/'));
      await chmod(file, 0o644);
      const handle = await open(file, 'r+');
      const offset = Math.floor(original.length / 2);
      const byte = original[offset] ^ 0xff;
      await handle.write(Buffer.of(byte), 0, 1, offset);
      await handle.close();
      const tampered = Buffer.from(original);
      tampered[offset] = byte;
      return tampered;
    },
  }));

  archiveStoreContract('S3ArchiveStore (s3rver)', async () => ({
    store: createArchiveStore(s3Options(s3.endpoint, 'benhan/')),
    tamper: async (key, original) => {
      const tampered = Buffer.concat([original, Buffer.from('appended behind the store’s back')]);
      await rawClient(s3.endpoint).send(new PutObjectCommand({ Bucket: BUCKET, Key: `benhan/${key}`, Body: tampered }));
      return tampered;
    },
  }));

  describe(FsArchiveStore.name, () => {
    it('stores read-only files (0o444) and leaves no temporary file behind, even after lost races', async () => {
      const root = join(directory, 'modes');
      const store = new FsArchiveStore(root);
      const body = pdf(100 * 1024);
      const key = keyFor(body);

      await Promise.allSettled([store.put(key, body), store.put(key, body), store.put(key, body)]);
      await expect(store.put(key, body)).rejects.toBeInstanceOf(ArchiveStoreConflictError);

      const file = join(root, ...key.split('/'));
      expect((await stat(file)).mode & 0o777).toBe(0o444);
      expect(await readdir(join(file, '..'))).toEqual([key.split('/').at(-1)]);
    });

    it('creates its directory in check() and leaves no probe file behind', async () => {
      const root = join(directory, 'not', 'yet', 'there');
      await new FsArchiveStore(root).check();
      expect(await readdir(root)).toEqual([]);
    });

    it('fails check() when the directory cannot be written', async () => {
      const file = join(directory, 'a-file');
      await writeFile(file, '');
      await expect(new FsArchiveStore(file).check()).rejects.toThrow();
    });

    it('treats a directory under a key as missing', async () => {
      const store = new FsArchiveStore(join(directory, 'dirs'));
      await store.put('a/b.pdf', Buffer.from('%PDF'));
      expect(await store.exists('a')).toBe(false);
      expect(await store.hash('a')).toBeNull();
    });
  });

  describe(S3ArchiveStore.name, () => {
    it('sends If-None-Match: * and the SHA-256 checksum with every put', async () => {
      const store = new S3ArchiveStore(s3Options(s3.endpoint, ''));
      const body = pdf(32 * 1024);
      const key = keyFor(body);

      await store.put(key, body);

      const put = s3.puts.find((p) => p.path === `/${BUCKET}/${key}`);
      expect(put?.headers['if-none-match']).toBe('*');
      expect(put?.headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(body).digest('base64'));
      expect(put?.headers['x-amz-meta-sha256']).toBe(sha256(body));
    });

    it('keeps its objects under the prefix, invisible to a store with another prefix', async () => {
      const store = new S3ArchiveStore(s3Options(s3.endpoint, 'benhan')); // the missing "/" is added
      const other = new S3ArchiveStore(s3Options(s3.endpoint, 'other/'));
      const body = pdf(1024);
      const key = keyFor(body);

      await store.put(key, body);

      await expect(rawClient(s3.endpoint).send(new HeadObjectCommand({ Bucket: BUCKET, Key: `benhan/${key}` }))).resolves.toBeDefined();
      expect(await other.exists(key)).toBe(false);
      await expect(other.put(key, body)).resolves.toMatchObject({ key });
    });

    it('refuses a prefix that could escape, and half-set credentials', () => {
      expect(() => new S3ArchiveStore(s3Options(s3.endpoint, '../'))).toThrow(ArchiveStoreKeyError);
      expect(() => new S3ArchiveStore({ ...s3Options(s3.endpoint, ''), secretAccessKey: null })).toThrow(/both/);
    });

    it('fails check() with a clear message when the bucket does not exist', async () => {
      const store = new S3ArchiveStore({ ...s3Options(s3.endpoint, ''), bucket: 'no-such-bucket' });
      await expect(store.check()).rejects.toThrow(/no-such-bucket does not exist/);
    });

    it('turns the 412 of a server honouring If-None-Match into ArchiveStoreConflictError: two API processes racing, one wins', async () => {
      const gate = conditionalWrites(2);
      const strict = await startS3(gate.middleware);
      try {
        // Three clients stand for three processes: the in-process queue cannot order them, only the server can.
        const stores = [0, 1, 2].map(() => new S3ArchiveStore(s3Options(strict.endpoint, '')));
        const bodies = stores.map(() => pdf(64 * 1024));
        const key = keyFor(bodies[0]);

        const results = await Promise.allSettled(stores.map((store, i) => store.put(key, bodies[i])));

        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(gate.refused()).toBe(2);
        for (const result of results) {
          if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ArchiveStoreConflictError);
        }
        await rawClient(strict.endpoint).send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
      } finally {
        await strict.close();
      }
    });
  });
});

/**
 * What AWS S3 and MinIO do and s3rver does not: refuse a PUT with `If-None-Match: *` (412) when the key is
 * taken, or is being written. The first writer of a key is held until `losers` others were refused, so the
 * others' HeadObject checks all see nothing and only the 412 can stop them.
 */
function conditionalWrites(losers: number): { middleware: KoaMiddleware; refused(): number } {
  const claimed = new Set<string>();
  let refused = 0;
  let release: () => void = () => undefined;
  const allRefused = new Promise<void>((resolve) => (release = resolve));
  const middleware: KoaMiddleware = async (ctx, next) => {
    if (ctx.method === 'PUT' && ctx.get('if-none-match') === '*') {
      if (claimed.has(ctx.path)) {
        ctx.req.resume(); // drain the body before answering
        await once(ctx.req, 'end');
        refused += 1;
        if (refused >= losers) release();
        ctx.status = 412;
        ctx.type = 'application/xml';
        ctx.body =
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code>' +
          '<Message>At least one of the pre-conditions you specified did not hold</Message></Error>';
        return;
      }
      claimed.add(ctx.path);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([allRefused, new Promise((resolve) => (timer = setTimeout(resolve, 3_000)))]);
      clearTimeout(timer);
    }
    await next();
  };
  return { middleware, refused: () => refused };
}
