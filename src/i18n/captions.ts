/**
 * Captions in the translation round trip (issue 15). `i18n extract` sends the source language's
 * WebVTT cues cue by cue (one unit per cue, its timing as a note); `i18n import` writes the target
 * language's .vtt with the same timings and the translated texts, at the path the block names for
 * that language (or one made from the source file's name, added to the block's `captions` map),
 * and records each cue like any text, so `check` reports a cue whose source changed since
 * (`checkStaleCaptions`). A caption file is written only when every one of its cues is translated,
 * and no translated cue holds what would end it or add a cue (an empty line, "-->": `xliff-cue-text`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { pathString, positionOf, type DataPath } from '../course/source-file.js';
import { asCueLines, cueTextProblem, cueTiming, parseVtt, writeVtt, type Cue } from '../course/webvtt.js';
import type { CourseFile, CourseTexts } from './course-texts.js';
import { readRecords, recordOf, RecordIndex, type Records } from './records.js';
import { unitId } from './text-field.js';
import { invalidXmlCharIndex, type XliffUnit } from './xliff.js';
import type { ReadUnit } from './xliff-read.js';
import type { YamlEdit } from './yaml-edit.js';

/** A video or audio block with captions, as the translation commands see it. */
export interface CaptionBlock {
  source: CourseFile;
  /** Data path of the block in its module file. */
  path: DataPath;
  captions: Record<string, string>;
}

const STALE_NOTE = 'The source text changed after this translation was made: review the translation.';

/** Unit id of cue `n` (1-based) of a block: `modules/m.yaml#pages.1.blocks.0.captions.cue-3`. */
export const cueUnitId = (block: CaptionBlock, n: number): string => `${unitId(block.source.file.path, [...block.path, 'captions'])}.cue-${n}`;

export function captionBlocks(files: CourseFile[]): CaptionBlock[] {
  const found: CaptionBlock[] = [];
  for (const f of files) {
    if (f.kind !== 'module') continue;
    const pages = (f.data as { pages?: Array<{ blocks?: Array<{ type: string; captions?: Record<string, string> }> }> }).pages ?? [];
    pages.forEach((page, p) =>
      (page.blocks ?? []).forEach((block, b) => {
        if ((block.type === 'video' || block.type === 'audio') && block.captions) found.push({ source: f, path: ['pages', p, 'blocks', b], captions: block.captions });
      }),
    );
  }
  return found;
}

/** The cues of a caption file, or null (with diagnostics) when it is missing or invalid. */
function readCues(dir: string, path: string, out: Diagnostic[]): Cue[] | null {
  const full = join(dir, posix.normalize(path));
  if (!existsSync(full)) {
    out.push(diag('missing-asset', `"${path}" does not exist in the course folder`, { file: path, line: 1, column: 1 }));
    return null;
  }
  const { cues, problems } = parseVtt(readFileSync(full, 'utf8'));
  for (const p of problems) out.push(diag('caption-invalid', p.message, { file: path, line: p.line, column: p.column }));
  return problems.length ? null : cues;
}

/** The target cues matching the source ones (same count and timings), or null. */
function matching(source: Cue[], target: Cue[] | null): Cue[] | null {
  if (!target || target.length !== source.length) return null;
  return target.every((c, i) => c.start === source[i]!.start && c.end === source[i]!.end) ? target : null;
}

export interface CaptionUnits {
  units: Array<{ file: string; unit: XliffUnit }>;
  translated: number;
  stale: number;
}

/** `i18n extract`: one unit per source cue, with the existing translation when its file has the same timings. */
export function extractCaptionUnits(course: CourseTexts, from: string, lang: string, records: Records, out: Diagnostic[]): CaptionUnits | null {
  const index = new RecordIndex(records);
  const result: CaptionUnits = { units: [], translated: 0, stale: 0 };
  let failed = false;
  for (const block of captionBlocks(course.files)) {
    const sourcePath = block.captions[from];
    if (sourcePath === undefined) continue;
    const source = readCues(course.dir, sourcePath, out);
    if (!source) {
      failed = true;
      continue;
    }
    const targetPath = block.captions[lang];
    const target = targetPath !== undefined ? matching(source, readCues(course.dir, targetPath, [])) : null;
    // A cue XML cannot carry stops the extraction (as a course text does: extract.ts), at its place in the .vtt file.
    const uncarriable = [...source.map((cue) => ({ cue, path: sourcePath })), ...(target ?? []).map((cue) => ({ cue, path: targetPath! }))].filter(({ cue, path }) => !cueCarriable(cue, path, out));
    if (uncarriable.length) {
      failed = true;
      continue;
    }
    source.forEach((cue, i) => {
      const unit: XliffUnit = { id: cueUnitId(block, i + 1), source: cue.text, note: cueTiming(cue) };
      const translation = target?.[i]?.text;
      if (translation !== undefined) {
        result.translated++;
        const stale = index.status(translation, { [from]: cue.text, [lang]: translation }, course.languages).status === 'stale';
        if (stale) result.stale++;
        Object.assign(unit, { target: translation, state: stale ? 'needs-review-translation' : 'translated' }, stale ? { note: `${unit.note} — ${STALE_NOTE}` } : {});
      }
      result.units.push({ file: block.source.file.path, unit });
    });
  }
  return failed ? null : result;
}

/** False (with an `xliff-character` diagnostic at the character in the .vtt file) when XLIFF cannot carry the cue's text. */
function cueCarriable(cue: Cue, path: string, out: Diagnostic[]): boolean {
  const index = invalidXmlCharIndex(cue.text);
  if (index < 0) return true;
  const before = cue.text.slice(0, index).split('\n');
  const code = cue.text.codePointAt(index)!.toString(16).toUpperCase().padStart(4, '0');
  out.push(diag('xliff-character', `this cue holds the character U+${code}, which XLIFF cannot carry`, { file: posix.normalize(path), line: cue.textLine + before.length - 1, column: before[before.length - 1]!.length + 1 }));
  return false;
}

/** `i18n import`: collects the cue units of a translated file, then writes each caption file whose cues are all translated. */
export class CaptionImport {
  private readonly blocks = new Map<string, { block: CaptionBlock; n: number }>();
  private readonly targets = new Map<CaptionBlock, Map<number, string>>();
  updated = 0;
  untranslated = 0;

  constructor(
    private readonly course: CourseTexts,
    private readonly from: string,
    private readonly lang: string,
    private readonly records: Records,
  ) {
    for (const block of captionBlocks(course.files)) {
      const sourcePath = block.captions[from];
      const cues = sourcePath === undefined ? null : readCues(course.dir, sourcePath, []);
      cues?.forEach((_, i) => this.blocks.set(cueUnitId(block, i + 1), { block, n: i + 1 }));
    }
  }

  /** True when the unit is a cue (taken here); errors for a cue whose source text changed. */
  take(unit: ReadUnit, errors: Diagnostic[]): boolean {
    if (!/\.captions\.cue-\d+$/.test(unit.id)) return false;
    const found = this.blocks.get(unit.id);
    if (!found) {
      errors.push(diag('xliff-unknown-unit', `the course has no caption cue "${unit.id}"`, unit.at));
      return true;
    }
    const source = this.sourceCues(found.block)[found.n - 1]!;
    if (source.text !== unit.source) {
      errors.push(diag('xliff-source-changed', `the ${this.from} text of cue ${found.n} of "${found.block.captions[this.from]}" changed since this file was extracted`, unit.sourceAt));
      return true;
    }
    const problem = unit.target === undefined ? undefined : cueTextProblem(unit.target);
    if (problem) {
      // Written as it is, the text would end the cue early, or add a cue of its own, to the .vtt file.
      errors.push(diag('xliff-cue-text', `the translation of cue ${found.n} of "${found.block.captions[this.from]}": ${problem}`, unit.targetAt ?? unit.at));
      return true;
    }
    if (unit.target === undefined) this.untranslated++;
    else {
      if (!this.targets.has(found.block)) this.targets.set(found.block, new Map());
      // As the .vtt file will hold it (and read back): lines end with \n, and a cue does not end with a line break.
      this.targets.get(found.block)!.set(found.n, asCueLines(unit.target));
    }
    return true;
  }

  private readonly cache = new Map<CaptionBlock, Cue[]>();
  private sourceCues(block: CaptionBlock): Cue[] {
    if (!this.cache.has(block)) this.cache.set(block, readCues(this.course.dir, block.captions[this.from]!, []) ?? []);
    return this.cache.get(block)!;
  }

  /** The caption files to write (path → text) and the YAML edits naming new ones; records updated. */
  finish(edit: (file: string, e: YamlEdit) => void, errors: Diagnostic[]): Map<string, string> {
    const writes = new Map<string, string>();
    for (const [block, texts] of this.targets) {
      const source = this.sourceCues(block);
      // A partly translated file is not written (its missing cues are counted as untranslated in take()).
      if (texts.size < source.length) continue;
      const named = block.captions[this.lang];
      const path = posix.normalize(named ?? targetPathFor(block.captions[this.from]!, this.from, this.lang));
      if (path.startsWith('../') || posix.isAbsolute(path)) {
        errors.push(diag('asset-outside-course', `"${path}" is outside the course folder`, { ...positionOf(block.source.file, [...block.path, 'captions', this.lang]), path: pathString([...block.path, 'captions', this.lang]) }));
        continue;
      }
      const text = writeVtt(source.map((c, i) => ({ ...(c.id !== undefined ? { id: c.id } : {}), start: c.start, end: c.end, ...(c.settings ? { settings: c.settings } : {}), text: texts.get(i + 1)! })));
      const full = join(this.course.dir, path);
      const previous = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
      if (previous !== text) {
        writes.set(path, text);
        this.updated += source.filter((c, i) => previous === undefined || matching(source, parseVtt(previous).cues)?.[i]?.text !== texts.get(i + 1)).length;
      }
      if (named === undefined) edit(block.source.file.path, { kind: 'set-text', path: [...block.path, 'captions'], lang: this.lang, from: this.from, value: path });
      source.forEach((c, i) => this.records.set(cueUnitId(block, i + 1), recordOf(this.from, c.text, texts.get(i + 1)!)));
    }
    return writes;
  }
}

/** `assets/talk.en.vtt` → `assets/talk.pl.vtt`; `talk-en.vtt` → `talk-pl.vtt`; else `talk.vtt` → `talk.pl.vtt`. */
export function targetPathFor(source: string, from: string, lang: string): string {
  const swapped = source.replace(new RegExp(`([-_.])${from}\\.vtt$`, 'i'), `$1${lang}.vtt`);
  return swapped !== source ? swapped : source.replace(/\.vtt$/i, `.${lang}.vtt`);
}

/**
 * The `stale-translation` rule for cues: a translated cue whose record says it was made from
 * another version of the source cue, reported at the cue's text in the translated .vtt file.
 */
export function checkStaleCaptions(dir: string, languages: string[], files: CourseFile[], cues: Map<string, Cue[]>, out: Diagnostic[]): void {
  for (const lang of languages) {
    const index = new RecordIndex(readRecords(dir, lang, []));
    for (const block of captionBlocks(files)) {
      const targetPath = block.captions[lang];
      const target = targetPath === undefined ? undefined : cues.get(posix.normalize(targetPath));
      if (!target) continue;
      target.forEach((cue, i) => {
        const field: Record<string, string> = {};
        for (const l of languages) {
          const other = block.captions[l] === undefined ? undefined : cues.get(posix.normalize(block.captions[l]!))?.[i];
          if (other) field[l] = other.text;
        }
        const { status, from } = index.status(cue.text, field, languages);
        if (status === 'stale') out.push(diag('stale-translation', `cue ${i + 1} was translated from an older version of the "${from}" cue`, { file: posix.normalize(targetPath!), line: cue.textLine, column: 1 }));
      });
    }
  }
}
