/** Configuration of the archive module. */
export interface ArchiveOptions {
  /** The URL outsiders reach Benhan at; printed QR codes point under it. */
  publicUrl: string;
}

export const ARCHIVE_OPTIONS = Symbol('ARCHIVE_OPTIONS');
