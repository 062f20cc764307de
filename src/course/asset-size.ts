/**
 * The size of what a course carries. A learner on a phone waits for every large file, and an LMS
 * refuses a package over its upload limit; both are known before anything is built.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { AssetUse } from './rules.js';

/** A file this large gets a warning: it is slow to open on a mobile connection. */
export const LARGE_ASSET_BYTES = 5 * 1024 * 1024;

/**
 * What a Moodle site accepts by default. Moodle's `maxbytes` setting defaults to 0, "server limit"
 * (admin/settings/security.php), and `get_max_upload_file_size()` (lib/moodlelib.php) then takes
 * the smallest of PHP's `upload_max_filesize` and `post_max_size`: PHP's defaults are 2M and 8M,
 * so an unchanged site refuses a package over 2 MiB. docs/moodle.md says how admins raise it.
 */
export const MOODLE_DEFAULT_UPLOAD_BYTES = 2 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Warns per large file; an error when a language's package would exceed Moodle's default upload limit. */
export function checkAssetSizes(courseDir: string, uses: AssetUse[], languages: string[], out: Diagnostic[]): void {
  const firstUse = new Map<string, AssetUse>();
  for (const use of uses) if (!firstUse.has(use.path)) firstUse.set(use.path, use);
  const size = new Map([...firstUse.keys()].map((path) => [path, statSync(join(courseDir, path)).size]));
  for (const [path, use] of firstUse) {
    const bytes = size.get(path)!;
    if (bytes > LARGE_ASSET_BYTES) out.push(diag('asset-large', `"${path}" is ${mb(bytes)}; files over ${mb(LARGE_ASSET_BYTES)} are slow for learners on a mobile connection`, use.at));
  }
  // The zip deflates files: only compress when the files' own sizes already pass the limit.
  const packed = new Map<string, number>();
  const packedSize = (path: string) => packed.get(path) ?? packed.set(path, deflateRawSync(readFileSync(join(courseDir, path)), { level: 9 }).length).get(path)!;
  for (const lang of languages) {
    const paths = [...new Set(uses.filter((u) => u.lang === undefined || u.lang === lang).map((u) => u.path))];
    if (paths.reduce((sum, p) => sum + size.get(p)!, 0) <= MOODLE_DEFAULT_UPLOAD_BYTES) continue;
    const total = paths.reduce((sum, p) => sum + packedSize(p), 0);
    if (total <= MOODLE_DEFAULT_UPLOAD_BYTES) continue;
    const largest = paths.reduce((a, b) => (packedSize(b) > packedSize(a) ? b : a));
    out.push(
      diag('package-too-large', `the ${lang} package would be at least ${mb(total)} (compressed); Moodle accepts uploads up to ${mb(MOODLE_DEFAULT_UPLOAD_BYTES)} unless an administrator raises the limit. The largest file is "${largest}"`, firstUse.get(largest)!.at),
    );
  }
}
