/**
 * Every file a package carries is inert when opened on its own (the "open image" link opens it on
 * the LMS's site, outside the course page's CSP): SVGs are sanitised (svg-sanitize.ts), formats
 * that run scripts and cannot be cleaned without changing them are refused, and files whose bytes
 * are markup under another name are refused. Each asset is read and sanitised once per course
 * object, whatever the number of targets and languages built from it.
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Course } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { sanitizeSvg, type Finding } from './svg-sanitize.js';

/** Formats a browser runs scripts in (or renders through a stylesheet) when opened on their own. */
export const ACTIVE_FORMATS = ['html', 'htm', 'xhtml', 'xht', 'shtml', 'mht', 'mhtml', 'xml', 'xsl', 'xslt', 'svgz', 'swf', 'hta'];

interface SafeAsset {
  data: Buffer;
  diagnostics: Diagnostic[];
}

const cache = new WeakMap<Course, Map<string, Promise<SafeAsset>>>();

function message(f: Finding): string {
  switch (f.kind) {
    case 'script':
      return `removed ${f.what}: it would run when the file is opened on its own`;
    case 'external':
      return `removed a reference to ${f.what}: opened on its own, the file would load it from outside the package`;
    case 'removed':
      return `removed ${f.what}, which the sanitiser does not know to be safe`;
    case 'foreign-object':
      return `${f.what} draws HTML inside the picture: removing it would change the picture`;
  }
}

const CODE = { script: 'asset-script-removed', external: 'asset-external-reference', removed: 'asset-content-removed', 'foreign-object': 'asset-foreign-object' } as const;

/** Markup that a browser may render as a page if the file is served without a type. */
const MARKUP = /^\s*<(?:\?xml|svg|!doctype|html|head|body|script|iframe)\b/i;

async function makeSafe(dir: string, path: string): Promise<SafeAsset> {
  const bytes = await readFile(join(dir, path));
  const ext = posix.extname(path).slice(1).toLowerCase();
  const at = { file: path, line: 1, column: 1 };
  if (ACTIVE_FORMATS.includes(ext)) {
    return { data: bytes, diagnostics: [diag('asset-active-format', `"${path}" is a .${ext} file: opened on its own, it could run scripts on the LMS's site`, at)] };
  }
  const media = mediaMismatch(ext, bytes);
  if (media) return { data: bytes, diagnostics: [diag('media-content', `"${path}" ${media}`, at)] };
  if (ext !== 'svg') {
    const head = bytes.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
    if (MARKUP.test(head)) return { data: bytes, diagnostics: [diag('asset-active-format', `"${path}" holds markup (a web page or an SVG) under the name .${ext}: opened on its own, it could run scripts`, at)] };
    return { data: bytes, diagnostics: [] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { data: bytes, diagnostics: [diag('asset-unreadable', `"${path}" is not UTF-8 text`, at)] };
  }
  const result = await sanitizeSvg(text);
  if (result.error) {
    const { message: why, line, column } = result.error;
    return { data: bytes, diagnostics: [diag('asset-unreadable', `"${path}" is not well-formed SVG: ${why}`, { file: path, line, column })] };
  }
  const diagnostics = result.findings.map((f) => diag(CODE[f.kind], message(f), { file: path, line: f.line, column: f.column }));
  return { data: result.unchanged ? bytes : Buffer.from(result.text), diagnostics };
}

/**
 * What the first bytes of a media file must be (issue 15): the container its extension names.
 * A renamed file (or an HTML error page saved as .mp4) is refused before a learner meets a player
 * that never starts. mp4/m4a: an ISO BMFF `ftyp` box at byte 4; webm: the EBML magic 1A 45 DF A3;
 * ogg/opus: `OggS`; mp3: an ID3v2 tag or an MPEG audio frame sync (11 set bits).
 */
export const MEDIA_SIGNATURES: Record<string, { name: string; test: (head: Buffer) => boolean }> = {
  mp4: { name: 'an MP4 file', test: (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' },
  m4a: { name: 'an MP4 (M4A) file', test: (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' },
  webm: { name: 'a WebM file', test: (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])) },
  ogg: { name: 'an Ogg file', test: (h) => h.subarray(0, 4).toString('latin1') === 'OggS' },
  opus: { name: 'an Ogg Opus file', test: (h) => h.subarray(0, 4).toString('latin1') === 'OggS' },
  mp3: { name: 'an MP3 file', test: (h) => h.subarray(0, 3).toString('latin1') === 'ID3' || (h.length > 1 && h[0] === 0xff && (h[1]! & 0xe0) === 0xe0) },
};

/** Why a media file's bytes are not what its extension says, or null (other extensions: null). */
export function mediaMismatch(ext: string, bytes: Buffer): string | null {
  const signature = MEDIA_SIGNATURES[ext];
  if (!signature || signature.test(bytes.subarray(0, 16))) return null;
  const head = bytes.subarray(0, 8).toString('hex').replace(/(..)/g, '$1 ').trim();
  return `is not ${signature.name}: it starts with ${head || 'nothing (it is empty)'}`;
}

function safeAsset(course: Course, path: string): Promise<SafeAsset> {
  let assets = cache.get(course);
  if (!assets) cache.set(course, (assets = new Map()));
  let safe = assets.get(path);
  if (!safe) assets.set(path, (safe = makeSafe(course.dir, path)));
  return safe;
}

/** Sanitises every asset of the course (all languages); what was removed or refused, positioned in the asset. */
export async function checkAssets(course: Course): Promise<Diagnostic[]> {
  const paths = [...new Set(Object.values(course.assets).flat())].sort();
  const results = await Promise.all(paths.map((path) => safeAsset(course, path)));
  return results.flatMap((r) => r.diagnostics);
}

/** The bytes of an asset as they go into a package: sanitised, from the course's cache. */
export async function assetData(course: Course, path: string): Promise<Buffer> {
  return (await safeAsset(course, path)).data;
}
