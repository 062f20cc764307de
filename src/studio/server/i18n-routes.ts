/**
 * Translation in the studio: `GET /api/translations` (each text's state in a language, from the
 * translation records `check` uses), `GET /api/xliff` (as `coursepack i18n extract`) and
 * `POST /api/xliff` (as `coursepack i18n import`, written through the studio: atomically, versions
 * checked, one undo step).
 */
import { LANG_PATTERN } from '../../course/schema.js';
import type { Diagnostic } from '../../diagnostics/index.js';
import { readCourseTexts, textIn, type CourseTexts } from '../../i18n/course-texts.js';
import { readRecords, RecordIndex } from '../../i18n/records.js';
import type { Change } from './course-files.js';
import type { Route, StudioContext } from './context.js';
import { placeDiagnostics } from './diagnostics.js';
import { ApiError, readBody, sendText } from './http.js';

/** Largest XLIFF file accepted (the counsellor training's French file is about 200 KB). */
const MAX_XLIFF_BYTES = 20 * 1024 * 1024;

function langParam(url: URL, required: boolean): string | undefined {
  const lang = url.searchParams.get('lang') ?? undefined;
  if (lang === undefined && !required) return undefined;
  if (!lang || !LANG_PATTERN.test(lang)) throw new ApiError(400, 'bad-lang', `lang must be a language code such as fr, pl or pt-BR, not "${lang ?? ''}"`);
  return lang;
}

function courseTexts(ctx: StudioContext, out: Diagnostic[]): CourseTexts {
  const texts = readCourseTexts(ctx.root, out);
  if (!texts) throw new ApiError(422, 'course-errors', 'the course has errors that stop translation: fix them first (see the diagnostics)', { diagnostics: placeDiagnostics(ctx, out) });
  return texts;
}

export const getTranslations: Route = async (ctx, _req, _res, url) => {
  const lang = langParam(url, true)!;
  const out: Diagnostic[] = [];
  const texts = courseTexts(ctx, out);
  const source = texts.languages[0]!;
  const index = new RecordIndex(readRecords(ctx.root, lang, out));
  const records = texts.texts.map((t) => {
    const target = textIn(t.value, lang, texts.languages);
    const state = target === undefined ? 'missing' : index.status(target, t.value, texts.languages).status === 'stale' ? 'stale' : 'translated';
    return { key: t.id, yamlPath: t.path, file: t.source.file.path, source: textIn(t.value, source, texts.languages) ?? null, target: target ?? null, state };
  });
  return { lang, sourceLanguage: source, records };
};

export const getXliff: Route = async (ctx, _req, res, url) => {
  const lang = langParam(url, true)!;
  const out: Diagnostic[] = [];
  const texts = courseTexts(ctx, out);
  const { extractXliff } = await import('../../i18n/extract.js');
  const result = extractXliff(texts, { lang }, out);
  if (!result) throw new ApiError(422, 'course-errors', `the texts cannot be extracted for ${lang}: see the diagnostics`, { diagnostics: placeDiagnostics(ctx, out) });
  sendText(res, 200, 'application/xliff+xml; charset=utf-8', result.xliff, { 'content-disposition': `attachment; filename="${texts.id}-${lang}.xlf"` });
  return undefined;
};

export const postXliff: Route = async (ctx, req, _res, url) => {
  const lang = langParam(url, false);
  const bytes = await readBody(req, MAX_XLIFF_BYTES);
  const out: Diagnostic[] = [];
  const texts = courseTexts(ctx, out);
  const { importXliff } = await import('../../i18n/import.js');
  const versions = new Map(texts.files.map((f) => [f.file.path, ctx.files.version(f.file.path)]));
  const result = importXliff(texts, 'translation.xlf', bytes, { ...(lang ? { lang } : {}), dryRun: true }, out);
  if (!result.ok) throw new ApiError(422, 'xliff-refused', 'the XLIFF file cannot be imported: nothing was written (see the diagnostics)', { diagnostics: placeDiagnostics(ctx, out) });
  const changes: Change[] = [];
  const expect = new Map<string, string | null>();
  for (const [path, text] of result.texts) {
    const before = ctx.files.bytes(path);
    changes.push({ path, before, after: Buffer.from(text, 'utf8') });
    expect.set(path, versions.get(path) ?? (before ? ctx.files.version(path) : null));
  }
  if (changes.length) {
    ctx.files.commit(changes, expect);
    ctx.wrote(changes.map((c) => c.path));
  }
  return { changed: result.written, lang: result.lang, updated: result.updated, languageAdded: result.languageAdded, reformatted: result.reformatted };
};
