/** Where archive files live: a write-once directory (default) or an S3-compatible bucket (production). */
export type ArchiveStoreOptions =
  | { kind: 'fs'; directory: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** Unset for AWS itself; the URL of MinIO, Ceph, a Vietnamese cloud's S3 endpoint… */
      endpoint: string | null;
      /** Unset: the SDK's default credential chain (environment, instance role). */
      accessKeyId: string | null;
      secretAccessKey: string | null;
      /** MinIO and most non-AWS servers want path-style URLs. */
      forcePathStyle: boolean;
      /** Key prefix inside the bucket, e.g. "benhan/". */
      prefix: string;
    };

/** Configuration of the archive module. */
export interface ArchiveOptions {
  /** The URL outsiders reach Benhan at; printed QR codes point under it. */
  publicUrl: string;
  store: ArchiveStoreOptions;
  /** A JSON file replacing the shipped retention rules (R21); null = the shipped ones. */
  retentionRulesFile: string | null;
  /** Hours between scheduled fixity runs; 0 = no schedule (the command and the button still work). */
  fixityIntervalHours: number;
}

export const ARCHIVE_OPTIONS = Symbol('ARCHIVE_OPTIONS');
