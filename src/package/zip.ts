/**
 * Deterministic zip writing (LMS-RULES.md rules 1–2): entries sorted by name, a fixed timestamp,
 * fixed permissions, deflate, no ZIP64, forward slashes, no folder entries.
 */
import { ZipArchive } from 'archiver';

export interface PackageFile {
  /** Path inside the package, forward slashes, no leading slash. */
  path: string;
  data: Buffer | string;
}

/** 2000-01-01T00:00:00Z: all entries carry it, so the same files give the same bytes. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

export async function zipFiles(files: PackageFile[]): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 9 }, forceZip64: false, forceLocalTime: false });
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk: Buffer) => chunks.push(chunk));
    archive.on('end', () => resolve());
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    // An empty file must be stored from the start: deflated entries get a data descriptor, which
    // would then trail a stored entry, and some readers (SCORM Cloud) reject that (rule 2).
    archive.append(data, { name: file.path, date: FIXED_DATE, mode: 0o644, store: data.length === 0 });
  }
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}
