import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { ArchiveStoreOptions } from '../archive.options';
import {
  type ArchiveStore,
  ArchiveStoreConflictError,
  ArchiveStoreNotFoundError,
  type StoredObject,
  assertArchiveKey,
} from './archive-store';
import { hashBuffer, hashStored } from './stream-hash';

export type S3ArchiveStoreOptions = Extract<ArchiveStoreOptions, { kind: 's3' }>;

/** How long check() (readiness probe, start-up) waits for the bucket to answer. */
const CHECK_TIMEOUT_MS = 5_000;

/**
 * Archive objects in an S3-compatible bucket (AWS, MinIO, Ceph, a Vietnamese cloud's object storage).
 *
 * Write-once, three ways: PutObject carries `If-None-Match: *` (AWS S3 and MinIO refuse to overwrite:
 * 412, or 409 during a concurrent conditional write); a HeadObject first covers servers that ignore that
 * header; and puts of one key in this process run one after the other, so the HeadObject of the second
 * sees the first. Across processes, only a server honouring If-None-Match closes the race; an
 * Object Lock retention on the bucket is what makes objects immutable for the decades they are kept.
 *
 * PutObject also carries the SHA-256 (`x-amz-checksum-sha256`), so a server that supports additional
 * checksums verifies the bytes it received before storing them.
 */
export class S3ArchiveStore implements ArchiveStore {
  readonly name = 's3';
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;
  /** The tail of the chain of puts per key in this process. */
  private readonly putsInFlight = new Map<string, Promise<unknown>>();

  /** `client` replaces the one built from the options (tests, a caller with its own SDK configuration). */
  constructor(options: S3ArchiveStoreOptions, client?: S3Client) {
    if (!options.bucket) throw new Error('S3 archive store: the bucket is required');
    if (!options.accessKeyId !== !options.secretAccessKey) {
      throw new Error('S3 archive store: set both the access key id and the secret access key, or neither (the SDK default chain)');
    }
    this.bucket = options.bucket;
    this.prefix = normalisePrefix(options.prefix);
    this.client = client ?? createS3Client(options);
  }

  async put(key: string, body: Buffer): Promise<StoredObject> {
    const objectKey = this.objectKeyOf(key);
    const digest = hashBuffer(body);
    return this.oneAtATime(objectKey, async () => {
      if (await this.exists(key)) throw new ArchiveStoreConflictError(key);
      try {
        await this.client.send(
          new PutObjectCommand({
            Bucket: this.bucket,
            Key: objectKey,
            Body: body,
            ContentLength: body.length,
            ContentType: key.endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream',
            IfNoneMatch: '*',
            ChecksumSHA256: Buffer.from(digest.sha256, 'hex').toString('base64'),
            Metadata: { sha256: digest.sha256 },
          }),
        );
      } catch (error) {
        // 412 PreconditionFailed: the key exists; 409 ConditionalRequestConflict: another conditional write of it is in progress.
        const status = statusOf(error);
        if (status === 412 || status === 409) throw new ArchiveStoreConflictError(key, { cause: error });
        throw error;
      }
      return { key, ...digest };
    });
  }

  async get(key: string): Promise<Readable> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKeyOf(key) }));
      if (!response.Body) throw new Error(`S3 returned no body for ${this.bucket}/${this.objectKeyOf(key)}`);
      // In Node the SDK's Body is an http.IncomingMessage (a Readable) with SDK helpers mixed in.
      return response.Body as Readable;
    } catch (error) {
      if (isNotFound(error)) throw new ArchiveStoreNotFoundError(key, { cause: error });
      throw error;
    }
  }

  async hash(key: string): Promise<{ sha256: string; sizeBytes: number } | null> {
    return hashStored(this.get(key));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKeyOf(key) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** On a versioned bucket this adds a delete marker; older versions follow the bucket's lifecycle rules. */
  async delete(key: string): Promise<void> {
    // S3 answers 204 whether or not the object existed.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKeyOf(key) }));
  }

  async check(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    } catch (error) {
      const status = statusOf(error);
      const reason = status === 404 ? 'does not exist' : status === 403 ? 'is not accessible with these credentials' : 'is unreachable';
      throw new Error(`S3 archive bucket ${this.bucket} ${reason}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private objectKeyOf(key: string): string {
    assertArchiveKey(key);
    return this.prefix + key;
  }

  /** Runs the puts of one key in this process one after another. */
  private async oneAtATime<T>(objectKey: string, work: () => Promise<T>): Promise<T> {
    const previous = this.putsInFlight.get(objectKey) ?? Promise.resolve();
    const current = previous.then(work);
    const tail = current.catch(() => undefined);
    this.putsInFlight.set(objectKey, tail);
    try {
      return await current;
    } finally {
      if (this.putsInFlight.get(objectKey) === tail) this.putsInFlight.delete(objectKey);
    }
  }
}

function createS3Client(options: S3ArchiveStoreOptions): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint ?? undefined,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    requestHandler: { connectionTimeout: 10_000 },
  });
}

/** "" or "benhan" or "benhan/" → "" or "benhan/"; checked like a key so it cannot smuggle in "..". */
function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/\/+$/, '');
  if (trimmed === '') return '';
  assertArchiveKey(trimmed);
  return `${trimmed}/`;
}

/** The HTTP status of an SDK service error (duck-typed: two copies of the SDK break instanceof). */
function statusOf(error: unknown): number | undefined {
  return (error as Partial<Pick<S3ServiceException, '$metadata'>> | null)?.$metadata?.httpStatusCode;
}

function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404 || (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound'));
}
