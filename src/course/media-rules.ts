/**
 * The rules of video and audio blocks (issue 15): the media file exists with an extension the
 * block plays, an external `url` is an https video file, and captions are WebVTT files, one per
 * course language, each read and checked cue by cue (problems positioned in the .vtt file).
 * Speech needs words for learners who cannot hear it: captions for a video, a transcript or
 * captions for audio. The media's bytes are checked with every other asset (src/package/asset-safety.ts).
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { checkAsset } from './assets.js';
import type { AssetUse, CourseSources } from './rules.js';
import type { ModuleSource } from './schema.js';
import { keyPositionOf, pathString, positionOf, type DataPath, type SourceFile } from './source-file.js';
import { parseVtt, type Cue } from './webvtt.js';
import { describeCodePoint, refusedCharacters, refusedHint } from './characters.js';
import { checkStaleCaptions } from '../i18n/captions.js';

/** Extensions each kind of block plays (what Chromium, Firefox and Safari play natively; Moodle serves them with a media type). */
export const MEDIA_EXTENSIONS = { video: ['mp4', 'webm'], audio: ['mp3', 'm4a', 'ogg', 'opus', 'webm'] } as const;
const POSTER_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'svg'];

type MediaSource = Extract<ModuleSource['pages'][number]['blocks'][number], { type: 'video' | 'audio' }>;

export interface MediaCheck {
  uses: AssetUse[];
  /** The cues of every caption file that read without a problem, by course-relative path. */
  cues: Map<string, Cue[]>;
  /** The text of every caption file read, by course-relative path (for code frames). */
  texts: Map<string, string>;
}

const extensionOf = (path: string) => posix.extname(path.split(/[?#]/)[0]!).slice(1).toLowerCase();

export function checkMedia(sources: CourseSources, out: Diagnostic[]): MediaCheck {
  const languages = sources.course.data.languages;
  const result: MediaCheck = { uses: [], cues: new Map(), texts: new Map() };
  const ids = new Map<string, { file: SourceFile; path: DataPath }>();
  for (const m of sources.modules) {
    m.data.pages.forEach((page, p) =>
      page.blocks.forEach((block, b) => {
        if (block.type !== 'video' && block.type !== 'audio') return;
        const path: DataPath = ['pages', p, 'blocks', b];
        const first = ids.get(block.id);
        if (first) {
          const where = positionOf(first.file, first.path);
          out.push(diag('duplicate-id', `media id "${block.id}" is already used at ${where.file}:${where.line}:${where.column}`, at(m.file, [...path, 'id'])));
        } else ids.set(block.id, { file: m.file, path: [...path, 'id'] });
        checkBlock(sources.dir, languages, m.file, path, block, out, result);
      }),
    );
  }
  checkStaleCaptions(sources.dir, languages, sources.modules, result.cues, out);
  return result;
}

const at = (file: SourceFile, path: DataPath) => ({ ...positionOf(file, path), path: pathString(path) });
const keyAt = (file: SourceFile, path: DataPath, key: string) => ({ ...keyPositionOf(file, path, key), path: pathString([...path, key]) });

function checkBlock(dir: string, languages: string[], file: SourceFile, path: DataPath, block: MediaSource, out: Diagnostic[], result: MediaCheck): void {
  const use = (target: string, where: DataPath, lang?: string): boolean => {
    const checked = checkAsset(dir, target);
    const position = at(file, where);
    if (!checked.ok) {
      out.push(diag(checked.code, checked.message, position));
      return false;
    }
    result.uses.push({ path: checked.path, ...(lang !== undefined ? { lang } : {}), at: position });
    return true;
  };
  const allowed: readonly string[] = MEDIA_EXTENSIONS[block.type];
  const playable = (target: string, where: DataPath) => {
    const ext = extensionOf(target);
    if (allowed.includes(ext)) return true;
    out.push(diag('media-format', `${block.type} blocks play ${allowed.map((e) => `.${e}`).join(', ')} files, not "${target}"`, at(file, where)));
    return false;
  };

  const url = block.type === 'video' ? block.url : undefined;
  if (block.src === undefined && url === undefined) out.push(diag('missing-field', `a video needs "src" (a file in the course) or "url" (an https address)`, at(file, path)));
  if (block.src !== undefined && url !== undefined) out.push(diag('invalid-value', 'give "src" or "url", not both', at(file, [...path, 'url'])));
  if (typeof block.src === 'string') {
    if (playable(block.src, [...path, 'src'])) use(block.src, [...path, 'src']);
  } else if (block.src) {
    for (const lang of languages) if (block.src[lang] === undefined) out.push(diag('untranslated-media', `missing "${lang}" ${block.type} file`, at(file, [...path, 'src'])));
    for (const [lang, src] of Object.entries(block.src)) {
      if (!languages.includes(lang)) out.push(diag('unknown-language', `"${lang}" is not a language of this course (${languages.join(', ')})`, keyAt(file, [...path, 'src'], lang)));
      else if (playable(src, [...path, 'src', lang])) use(src, [...path, 'src', lang], lang);
    }
  }
  if (url !== undefined) checkUrl(url, file, [...path, 'url'], out);
  if (block.type === 'video' && block.poster !== undefined) {
    const ext = extensionOf(block.poster);
    if (!POSTER_EXTENSIONS.includes(ext)) out.push(diag('media-format', `a poster is an image (${POSTER_EXTENSIONS.map((e) => `.${e}`).join(', ')}), not "${block.poster}"`, at(file, [...path, 'poster'])));
    else use(block.poster, [...path, 'poster']);
  }

  const captions = block.captions;
  if (captions) {
    for (const lang of languages) {
      if (captions[lang] === undefined) out.push(diag('caption-language-missing', `no "${lang}" captions for this ${block.type}`, at(file, [...path, 'captions'])));
    }
    for (const [lang, src] of Object.entries(captions)) {
      const where: DataPath = [...path, 'captions', lang];
      if (!languages.includes(lang)) {
        out.push(diag('unknown-language', `"${lang}" is not a language of this course (${languages.join(', ')})`, keyAt(file, [...path, 'captions'], lang)));
        continue;
      }
      if (extensionOf(src) !== 'vtt') {
        out.push(diag('caption-format', `"${src}" is not a WebVTT file (.vtt)`, at(file, where)));
        continue;
      }
      // Every package carries every language's captions: learners can switch tracks (docs/authoring.md).
      if (use(src, where)) readCaptions(dir, posix.normalize(src), out, result);
    }
  } else if (block.speech && block.type === 'video') {
    out.push(diag('caption-missing', `this video has speech but no captions`, at(file, path)));
  }
  if (block.speech && block.type === 'audio' && !captions && block.transcript === undefined) {
    out.push(diag('transcript-missing', 'this audio has speech but neither a transcript nor captions', at(file, path)));
  }
}

function checkUrl(url: string, file: SourceFile, where: DataPath, out: Diagnostic[]): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // Reported below.
  }
  if (!parsed || parsed.protocol !== 'https:' || parsed.username || parsed.password) {
    out.push(diag('media-url', `"${url}" is not an https:// address`, at(file, where)));
    return;
  }
  const ext = extensionOf(parsed.pathname);
  if (!(MEDIA_EXTENSIONS.video as readonly string[]).includes(ext)) {
    out.push(diag('media-url', `"${url}" does not name an .mp4 or .webm file: the player plays video files, not web pages (YouTube, Vimeo)`, at(file, where)));
  }
}

function readCaptions(dir: string, path: string, out: Diagnostic[], result: MediaCheck): void {
  if (result.texts.has(path)) return;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(dir, path)));
  } catch {
    out.push(diag('caption-invalid', `"${path}" is not UTF-8 text`, { file: path, line: 1, column: 1 }));
    return;
  }
  result.texts.set(path, text);
  // Cue texts become the transcript in index.html (and go to XLIFF): the characters no course text may hold are refused here too.
  const refused = refusedCharacters(text, MAX_CHARACTER_REPORTS);
  for (const c of refused) out.push(diag('invalid-character', `${describeCodePoint(c.codePoint)} cannot be used in a caption file`, { file: path, ...linePosition(text, c.index) }, { hint: refusedHint(c) }));
  const { cues, problems } = parseVtt(text);
  for (const p of problems) out.push(diag('caption-invalid', p.message, { file: path, line: p.line, column: p.column }));
  if (!problems.length && !cues.length) out.push(diag('caption-invalid', `"${path}" holds no cue`, { file: path, line: 1, column: 1 }));
  if (!problems.length && !refused.length && cues.length) result.cues.set(path, cues);
}

const MAX_CHARACTER_REPORTS = 10;

/** 1-based line and column (UTF-16 units) of `index`, lines ending as WebVTT ends them (\r\n, \r or \n). */
function linePosition(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index).replace(/^\uFEFF/, '');
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}
