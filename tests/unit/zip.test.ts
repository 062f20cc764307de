/**
 * zipFiles (src/package/zip.ts) writes the zips archiver 8 wrote before it, byte for byte: for
 * every package of the counsellor training and for generated files (empty, binary, long, names
 * with non-ASCII characters), with and without the per-build cache of compressed contents. The
 * reference is archiver itself, as zip.ts called it until issue 14 (session 4).
 */
import { ZipArchive } from 'archiver';
import fc from 'fast-check';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FIXED_DATE, zipFiles, type DeflateCache, type PackageFile } from '../../src/package/zip.js';
import { buildInMemory, COUNSELLOR } from '../support/build.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 20;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1414);

/** The zip.ts of before: archiver with the same options, entries sorted, empty files stored. */
async function archiverZip(files: PackageFile[]): Promise<Buffer> {
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
    archive.append(data, { name: file.path, date: FIXED_DATE, mode: 0o644, store: data.length === 0 });
  }
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('zipFiles', () => {
  it('writes every package of the counsellor training as archiver did, with one cache for all ten', async () => {
    const result = await buildInMemory(COUNSELLOR);
    expect(result.packages).toHaveLength(10);
    const cache: DeflateCache = new Map();
    for (const pkg of result.packages) {
      const reference = await archiverZip(pkg.files);
      expect(pkg.zip.equals(reference)).toBe(true);
      expect((await zipFiles(pkg.files, cache)).equals(reference)).toBe(true);
      expect((await zipFiles(pkg.files)).equals(reference)).toBe(true);
    }
    // Contents shared by several packages (styles, assets, module scripts) were compressed once.
    const contents = result.packages.flatMap((p) => p.files.map((f) => f.data));
    expect(cache.size).toBeLessThan(contents.length / 2);
  });

  it('writes generated files as archiver did', async () => {
    // Package paths as the rules allow them: forward slashes, no leading slash, no "." or ".." segment.
    const segment = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,11}$/).chain((ascii) => fc.constantFrom(ascii, `${ascii}é`, `${ascii}日本`, `${ascii}😀`));
    const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));
    const content = fc.oneof(
      fc.constant(''),
      fc.string({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
      fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 5000 })).map(([s, n]) => s.repeat(n)),
    );
    const files = fc.uniqueArray(fc.record({ path, data: content }), { selector: (f) => f.path, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(files, async (files) => {
        const cache: DeflateCache = new Map();
        const ours = await zipFiles(files, cache);
        expect(ours.equals(await archiverZip(files))).toBe(true);
        expect((await zipFiles(files, cache)).equals(ours)).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('stores an empty file with its sizes in the local header and deflates the others behind a data descriptor', async () => {
    const zip = await zipFiles([{ path: 'b.txt', data: 'hello hello hello' }, { path: 'a.txt', data: '' }]);
    // a.txt first (sorted): stored (method 0), version 1.0, no data descriptor flag.
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(4)).toBe(10);
    expect(zip.readUInt16LE(6)).toBe(0);
    expect(zip.readUInt16LE(8)).toBe(0);
    const second = 30 + 'a.txt'.length;
    expect(zip.readUInt32LE(second)).toBe(0x04034b50);
    expect(zip.readUInt16LE(second + 4)).toBe(20);
    expect(zip.readUInt16LE(second + 6)).toBe(0x0008);
    expect(zip.readUInt16LE(second + 8)).toBe(8);
    const dataStart = second + 30 + 'b.txt'.length;
    const descriptor = zip.indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), dataStart);
    expect(inflateRawSync(zip.subarray(dataStart, descriptor)).toString('utf8')).toBe('hello hello hello');
  });
});
