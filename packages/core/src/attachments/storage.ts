import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Where attachment bytes live, addressed by their SHA-256: the same bytes are stored once,
 * whoever uploads them to whichever case. Nothing is ever removed through this interface.
 * Implement it for object storage (S3, MinIO …) and pass it to `openTiaojie({ storage })`.
 */
export interface FileStorage {
  /** Store the bytes under their hash (a no-op when they are there already). */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The bytes stored under the hash. @throws Error when missing */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A folder on disk: `<dir>/ab/cd/abcd…` (two levels keep directories small). */
export class FolderStorage implements FileStorage {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new TypeError('not a SHA-256 in hex');
    return join(this.dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    if (sha256Of(bytes) !== sha256) throw new TypeError('the bytes do not have this SHA-256');
    if (await this.has(sha256)) return;
    const target = this.pathOf(sha256);
    await mkdir(dirname(target), { recursive: true });
    // Write aside, then rename: a reader never sees half a file, and two writers of the same bytes both succeed.
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, bytes, { flag: 'wx' });
    await rename(temp, target);
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }
}

/**
 * The files directory: `TIAOJIE_FILES_DIR`, else `files` next to the SQLite file of the database
 * URL, else `./data/files`.
 */
export function defaultFilesDir(databaseUrl: string): string {
  if (process.env.TIAOJIE_FILES_DIR) return process.env.TIAOJIE_FILES_DIR;
  if (databaseUrl.startsWith('sqlite:')) {
    const file = databaseUrl.slice('sqlite:'.length);
    if (file && file !== ':memory:') return join(dirname(resolve(file)), 'files');
  }
  return './data/files';
}

/** A virus scanner's verdict on an upload. */
export type ScanVerdict = { clean: true } | { clean: false; reason: string };

/**
 * A hook for a virus scanner (ClamAV's clamd, a vendor's engine …), called on every upload
 * before anything is stored. The default accepts everything.
 */
export interface VirusScanner {
  scan(bytes: Buffer, meta: { fileName: string; mimeType: string }): Promise<ScanVerdict>;
}

export const acceptAllScanner: VirusScanner = { scan: async () => ({ clean: true }) };

export const sha256Of = (bytes: Buffer | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The file types a case accepts, by what their bytes say. */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const startsWith = (b: Buffer, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/**
 * The type of a file from its magic bytes, or null when it is none of ATTACHMENT_TYPES. DOCX
 * and XLSX are both ZIP files: their first entries name `word/` or `xl/` parts (names in ZIP
 * local headers are stored uncompressed). Written here rather than with `file-type`, which is
 * ESM-only and from version 22 needs Node 22; six signatures do not need a dependency.
 */
export function sniffType(b: Buffer): AttachmentType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc'; // OLE2 compound file (Word 97–2003)
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    const head = b.subarray(0, Math.min(b.length, 64 * 1024)).toString('latin1');
    const isOoxml = head.includes('[Content_Types].xml');
    if (isOoxml && head.includes('word/')) return 'docx';
    if (isOoxml && head.includes('xl/')) return 'xlsx';
  }
  return null;
}
