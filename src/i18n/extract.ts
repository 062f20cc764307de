/** `coursepack i18n extract`: every text of a course as an XLIFF 1.2 file for translators. */
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';
import { pathString, positionOf } from '../course/source-file.js';
import { textIn, type CourseTexts, type TextEntry } from './course-texts.js';
import { readRecords, RecordIndex } from './records.js';
import { invalidXmlCharIndex, writeXliff, type XliffFile, type XliffUnit } from './xliff.js';

export interface ExtractOptions {
  /** The language to translate into. */
  lang: string;
  /** The language to translate from (default: the course's first language). */
  from?: string;
}

export interface ExtractResult {
  xliff: string;
  from: string;
  units: number;
  /** Units that already have a translation. */
  translated: number;
  /** Translations made from an older source text, marked needs-review-translation. */
  stale: number;
  /** Images with one file per language and none yet in the target language: not in XLIFF, someone must make them. */
  images: SourcePosition[];
}

const STALE_NOTE = 'The source text changed after this translation was made: review the translation.';

export function extractXliff(course: CourseTexts, options: ExtractOptions, out: Diagnostic[]): ExtractResult | null {
  const from = options.from ?? course.languages[0]!;
  if (!course.languages.includes(from) || from === options.lang) {
    const why = from === options.lang ? `"${from}" is the language translated from` : `"${from}" is not a language of ${course.id} (${course.languages.join(', ')})`;
    out.push(diag('language-not-in-course', why, {}, { hint: 'Choose the language to translate into with --lang and the one to translate from, a course language, with --from.' }));
    return null;
  }
  const index = new RecordIndex(readRecords(course.dir, options.lang, out));
  const files = new Map<string, XliffFile>(course.files.map((f) => [f.file.path, { original: f.file.path, units: [] }]));
  let failed = false;
  let translated = 0;
  let stale = 0;

  for (const entry of course.texts) {
    const source = textIn(entry.value, from, course.languages);
    if (source === undefined || source === '') {
      out.push(diag('untranslated-text', `no "${from}" text to translate from: not extracted`, where(entry), { severity: 'warning' }));
      continue;
    }
    const target = textIn(entry.value, options.lang, course.languages);
    if (!carriable(entry, source, from, out) || (target !== undefined && !carriable(entry, target, options.lang, out))) {
      failed = true;
      continue;
    }
    const unit: XliffUnit = { id: entry.id, source };
    if (target !== undefined) {
      translated++;
      const isStale = index.status(target, entry.value, course.languages).status === 'stale';
      if (isStale) stale++;
      Object.assign(unit, { target, state: isStale ? 'needs-review-translation' : 'translated' }, isStale ? { note: STALE_NOTE } : {});
    }
    files.get(entry.source.file.path)!.units.push(unit);
  }
  if (failed) return null;

  const xliff = writeXliff({
    courseId: course.id,
    sourceLanguage: from,
    targetLanguage: options.lang,
    note: translatorNote(course.id, from, options.lang),
    files: [...files.values()].filter((f) => f.units.length > 0),
  });
  const units = [...files.values()].reduce((n, f) => n + f.units.length, 0);
  return { xliff, from, units, translated, stale, images: imagesToMake(course, options.lang) };
}

/** Image blocks (and hotspots pictures) whose `src` is a per-language map without `lang`. */
function imagesToMake(course: CourseTexts, lang: string): SourcePosition[] {
  const found: SourcePosition[] = [];
  for (const f of course.files) {
    if (f.kind !== 'module') continue;
    const pages = (f.data as { pages?: Array<{ blocks?: Array<{ type: string; src?: unknown; image?: { src?: unknown } }> }> }).pages ?? [];
    pages.forEach((page, p) =>
      (page.blocks ?? []).forEach((block, b) => {
        if (block.type === 'image' && block.src && typeof block.src === 'object' && !(lang in block.src)) {
          found.push(positionOf(f.file, ['pages', p, 'blocks', b, 'src']));
        }
        // The picture of a hotspots block (issue 15) is an image like any other.
        const hotspotsSrc = block.type === 'hotspots' ? block.image?.src : undefined;
        if (hotspotsSrc && typeof hotspotsSrc === 'object' && !(lang in hotspotsSrc)) found.push(positionOf(f.file, ['pages', p, 'blocks', b, 'image', 'src']));
      }),
    );
  }
  return found;
}

const where = (entry: TextEntry) => ({ ...positionOf(entry.source.file, entry.path), path: pathString(entry.path) });

function carriable(entry: TextEntry, text: string, lang: string, out: Diagnostic[]): boolean {
  const index = invalidXmlCharIndex(text);
  if (index < 0) return true;
  const code = text.codePointAt(index)!.toString(16).padStart(4, '0');
  out.push(diag('xliff-character', `the "${lang}" text holds the control character U+${code.toUpperCase()}, which XLIFF cannot carry`, where(entry)));
  return false;
}

function translatorNote(courseId: string, from: string, lang: string): string {
  return [
    `Course "${courseId}": translate from ${from} into ${lang}.`,
    'The texts are Markdown. Keep its marks as they are: **bold**, *italic*, `code`, line breaks and blank lines, "- " list items.',
    'In links [text](target) translate the text and never the target.',
    'Units in the state needs-review-translation were translated from an older version of the source: review them.',
  ].join(' ');
}
