/**
 * Deterministic zip writing (LMS-RULES.md rules 1–2): entries sorted by name, a fixed timestamp,
 * fixed permissions, deflate, no ZIP64, forward slashes, no folder entries.
 *
 * Written with node:zlib directly, byte for byte the zips archiver 8 wrote before (its streams
 * and 250 modules cost more than the compression; tests/unit/zip.test.ts compares the two):
 * deflated entries carry a data descriptor (general purpose bit 3, version 2.0 needed), an empty
 * file is stored with its sizes in the local header (version 1.0), names are UTF-8 (bit 11 when
 * not ASCII), "made by" Unix with mode 0644 and the DOS archive bit.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface PackageFile {
  /** Path inside the package, forward slashes, no leading slash. */
  path: string;
  data: Buffer | string;
}

/** 2000-01-01T00:00:00Z: all entries carry it, so the same files give the same bytes. */
export const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** A file's content as it goes into any zip: compressed once, whatever package holds it. */
interface Compressed {
  crc: number;
  size: number;
  /** Deflated (level 9), or the empty content, stored. */
  data: Buffer;
  stored: boolean;
}

/**
 * Compressed contents by content (the same string, or the same Buffer object), for a build that
 * zips the same files into several packages: each is deflated once. Deflate is deterministic, so
 * the zips are the same bytes as without it.
 */
export type DeflateCache = Map<string | Buffer, Compressed>;

const LEVEL = 9;
/** DOS date and time of FIXED_DATE (UTC): time 0, date (2000 - 1980) << 9 | 1 << 5 | 1. */
const DOS_DATE_TIME = (((FIXED_DATE.getUTCFullYear() - 1980) << 9) | ((FIXED_DATE.getUTCMonth() + 1) << 5) | FIXED_DATE.getUTCDate()) << 16;
/** Made by: Unix (3) << 8 | ZIP 4.5, as archiver writes it. */
const MADE_BY = (3 << 8) | 45;
/** Regular file, rw-r--r--, in the high half; the DOS archive bit in the low half. */
const EXTERNAL_ATTRIBUTES = (((0o100000 | 0o644) << 16) | 0x20) >>> 0;
const DATA_DESCRIPTOR = 0x0008;
const UTF8_NAMES = 0x0800;

export async function zipFiles(files: PackageFile[], cache?: DeflateCache): Promise<Buffer> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of sorted) {
    const entry = compressed(file.data, cache);
    const name = Buffer.from(file.path, 'utf8');
    // An empty file is stored, with its sizes in the local header: deflated entries get a data
    // descriptor, which would then trail a stored entry, and some readers (SCORM Cloud) reject that (rule 2).
    const flags = (entry.stored ? 0 : DATA_DESCRIPTOR) | (name.length !== file.path.length ? UTF8_NAMES : 0);
    const version = entry.stored ? 10 : 20;
    const method = entry.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(DOS_DATE_TIME >>> 0, 10);
    if (entry.stored) {
      local.writeUInt32LE(entry.crc, 14);
      local.writeUInt32LE(entry.data.length, 18);
      local.writeUInt32LE(entry.size, 22);
    }
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, entry.data);
    let length = local.length + name.length + entry.data.length;
    if (!entry.stored) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(entry.crc, 4);
      descriptor.writeUInt32LE(entry.data.length, 8);
      descriptor.writeUInt32LE(entry.size, 12);
      parts.push(descriptor);
      length += descriptor.length;
    }
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(MADE_BY, 4);
    header.writeUInt16LE(version, 6);
    header.writeUInt16LE(flags, 8);
    header.writeUInt16LE(method, 10);
    header.writeUInt32LE(DOS_DATE_TIME >>> 0, 12);
    header.writeUInt32LE(entry.crc, 16);
    header.writeUInt32LE(entry.data.length, 20);
    header.writeUInt32LE(entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(EXTERNAL_ATTRIBUTES, 38);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    offset += length;
  }
  const centralLength = central.reduce((sum, b) => sum + b.length, 0);
  if (sorted.length > 0xffff || offset > 0xffffffff || offset + centralLength > 0xffffffff) throw new Error('a package this large would need ZIP64, which LMSs do not all read');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralLength, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

function compressed(data: Buffer | string, cache: DeflateCache | undefined): Compressed {
  const known = cache?.get(data);
  if (known) return known;
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const entry: Compressed =
    bytes.length === 0
      ? { crc: 0, size: 0, data: bytes, stored: true }
      : { crc: crc32(bytes) >>> 0, size: bytes.length, data: deflateRawSync(bytes, { level: LEVEL }), stored: false };
  cache?.set(data, entry);
  return entry;
}
