/**
 * `coursepack i18n import`: writes the targets of a translated XLIFF file back into the YAML
 * sources, records what each translation was made from, and declares the language. Everything is
 * checked first: one problem and no file is written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';
import { COURSE_FILE } from '../course/load-course.js';
import { LANG_PATTERN } from '../course/schema.js';
import { textIn, type CourseTexts } from './course-texts.js';
import { readRecords, recordOf, recordsPath, RecordIndex, serializeRecords } from './records.js';
import { readXliff, type ReadFile } from './xliff-read.js';
import { editYaml, type YamlEdit } from './yaml-edit.js';

export interface ImportOptions {
  /** The course language to import into (default: the file's target-language). */
  lang?: string;
  /** Check and report, write nothing. */
  dryRun?: boolean;
}

export interface ImportResult {
  ok: boolean;
  lang?: string;
  /** Texts whose translation was written or changed. */
  updated: number;
  /** Stale translations the file marks as reviewed, unchanged: their record now names today's source. */
  confirmed: number;
  /** Units with no (or an empty) target, left as they are. */
  untranslated: number;
  /** Course-relative paths of the files written (or that would be, with dryRun). */
  written: string[];
  /** The new text of each of them (with dryRun, what would be written: the studio writes it itself). */
  texts: Map<string, string>;
  /** Files the yaml library had to re-serialise (formatting may have changed). */
  reformatted: string[];
  languageAdded: boolean;
  /** The XLIFF file's decoded text, for code frames. */
  xliffText?: string;
}

export function importXliff(course: CourseTexts, xliffFile: string, bytes: Uint8Array, options: ImportOptions, out: Diagnostic[]): ImportResult {
  const result: ImportResult = { ok: false, updated: 0, confirmed: 0, untranslated: 0, written: [], texts: new Map(), reformatted: [], languageAdded: false };
  const xliff = readXliff(xliffFile, bytes, out);
  if (!xliff) return result;
  result.xliffText = xliff.text;
  const errors: Diagnostic[] = [];
  const languages = resolveLanguages(course, xliff.files, options.lang, errors);
  if (!languages) {
    out.push(...errors);
    return result;
  }
  const { from, lang } = languages;
  result.lang = lang;

  const byId = new Map(course.texts.map((t) => [t.id, t]));
  const records = readRecords(course.dir, lang, out);
  const index = new RecordIndex(records);
  const edits = new Map<string, YamlEdit[]>();
  const edit = (file: string, e: YamlEdit) => edits.set(file, [...(edits.get(file) ?? []), e]);
  for (const unit of xliff.files.flatMap((f) => f.units)) {
    const entry = byId.get(unit.id);
    if (!entry) {
      errors.push(diag('xliff-unknown-unit', `the course has no text "${unit.id}"`, unit.at));
      continue;
    }
    const source = textIn(entry.value, from, course.languages);
    if (source !== unit.source) {
      errors.push(diag('xliff-source-changed', `the ${from} text of "${unit.id}" changed since this file was extracted`, unit.sourceAt));
      continue;
    }
    if (unit.target === undefined) {
      result.untranslated++;
      continue;
    }
    const current = textIn(entry.value, lang, course.languages);
    if (current !== unit.target) {
      edit(entry.source.file.path, { kind: 'set-text', path: entry.path, lang, from, value: unit.target });
      records.set(unit.id, recordOf(from, source, unit.target));
      result.updated++;
    } else if (unit.finished && index.status(current, entry.value, course.languages).status === 'stale') {
      records.set(unit.id, recordOf(from, source, unit.target));
      result.confirmed++;
    }
  }
  if (errors.length) {
    out.push(...errors);
    return result;
  }

  if (!course.languages.includes(lang)) {
    edit(COURSE_FILE, { kind: 'append', path: ['languages'], value: lang });
    result.languageAdded = true;
  }
  const writes = new Map<string, string>();
  for (const f of course.files) {
    const fileEdits = edits.get(f.file.path);
    if (!fileEdits) continue;
    const edited = editYaml(f.file, fileEdits);
    if (edited.reformatted) result.reformatted.push(f.file.path);
    if (edited.text !== f.file.text) writes.set(f.file.path, edited.text);
  }
  const recordsFile = recordsPath(lang);
  const recordsText = serializeRecords(records);
  const recordsFull = join(course.dir, recordsFile);
  const previous = existsSync(recordsFull) ? readFileSync(recordsFull, 'utf8') : undefined;
  if (records.size > 0 && recordsText !== previous) writes.set(recordsFile, recordsText);

  result.written = [...writes.keys()];
  result.texts = writes;
  if (!options.dryRun) {
    for (const [path, text] of writes) {
      mkdirSync(dirname(join(course.dir, path)), { recursive: true });
      writeFileSync(join(course.dir, path), text);
    }
  }
  result.ok = true;
  return result;
}

/** The source and target languages, from the file's <file> elements, checked against the course. */
function resolveLanguages(course: CourseTexts, files: ReadFile[], option: string | undefined, errors: Diagnostic[]): { from: string; lang: string } | null {
  const first = files[0]!;
  const mismatch = (message: string, at: SourcePosition) => errors.push(diag('xliff-mismatch', message, at));
  for (const f of files) {
    if (f.courseId !== undefined && f.courseId !== course.id) mismatch(`this file was extracted from the course "${f.courseId}", not "${course.id}"`, f.at);
    if (f.sourceLanguage !== first.sourceLanguage || f.targetLanguage !== first.targetLanguage) {
      mismatch(`this <file> is ${f.sourceLanguage} → ${f.targetLanguage}, the first one ${first.sourceLanguage} → ${first.targetLanguage}`, f.at);
    }
  }
  const from = first.sourceLanguage;
  if (!course.languages.includes(from)) {
    mismatch(`the source language is "${from}", which is not a language of ${course.id} (${course.languages.join(', ')})`, first.at);
  }
  const declared = normaliseLang(first.targetLanguage);
  const base = declared.split('-')[0]!;
  // CAT tools often write the project's regional code (pl-PL) for a file extracted as pl.
  const lang = option ?? (course.languages.includes(declared) ? declared : base);
  if (option && option.split('-')[0] !== base) mismatch(`the file translates into "${first.targetLanguage}", not "${option}"`, first.at);
  if (!LANG_PATTERN.test(lang)) mismatch(`"${first.targetLanguage}" is not a language code coursepack accepts (e.g. pl, fr-CA)`, first.at);
  if (lang === from) mismatch(`the file translates ${from} into ${lang}`, first.at);
  return errors.length ? null : { from, lang };
}

/** `pl_pl` or `PL-pl` → `pl-PL`. */
const normaliseLang = (code: string): string => {
  const [primary = '', region] = code.trim().split(/[-_]/);
  return region ? `${primary.toLowerCase()}-${region.toUpperCase()}` : primary.toLowerCase();
};
