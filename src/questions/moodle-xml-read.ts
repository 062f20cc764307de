/**
 * Reads Moodle XML, the export format of Moodle's question bank (question/format/xml), with sax
 * through the project's positioned XML tree (the parser xml-js is built on): every question keeps
 * the line and column of its `<question>` element for diagnostics.
 */
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { childElements, decodeXml, parseXml, type XmlElement } from '../i18n/xml-tree.js';
import type { BankAsset, ReadContext } from './bank.js';
import type { TextFormat } from './html-text.js';
import type { RawAnswer, RawQuestion, RawText } from './raw.js';

const FORMATS: Record<string, TextFormat> = { html: 'html', moodle_auto_format: 'moodle', plain_text: 'plain', markdown: 'markdown', wiki_like: 'moodle' };

const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => (el ? childElements(el, name)[0] : undefined);
const content = (el: XmlElement | undefined): string => (el ? el.children.filter((c): c is string => typeof c === 'string').join('') : '');
/** The `<text>` of an element, as Moodle reads it (trimmed). */
const textOf = (el: XmlElement | undefined): string => content(child(el, 'text')).trim();

export interface MoodleRead {
  questions: RawQuestion[];
  assets: BankAsset[];
}

/** Moodle's XML as raw questions; `null` when the file is not well-formed or not a `<quiz>`. */
export function readMoodleXml(bytes: Uint8Array, ctx: ReadContext, out: Diagnostic[]): MoodleRead | null {
  const found: Diagnostic[] = [];
  const text = decodeXml(ctx.file, bytes, found);
  const root = text === null ? null : parseXml(ctx.file, text, found);
  // The XML tree reports in XLIFF words; here the file is a question bank.
  out.push(...found.map((d) => diag('question-syntax', d.message, d)));
  if (!root) return null;
  if (root.name !== 'quiz') {
    out.push(diag('question-syntax', `the root element is <${root.name}>, not Moodle's <quiz>`, root.at));
    return null;
  }
  const assets = new Map<string, BankAsset>();
  const questions: RawQuestion[] = [];
  let category = '';
  for (const q of childElements(root, 'question')) {
    const type = (q.attributes.type ?? '').trim();
    if (type === 'category') {
      category = textOf(child(q, 'category'));
      continue;
    }
    questions.push(readQuestion(q, type, category, assets));
  }
  return { questions, assets: [...assets.values()] };
}

function readQuestion(q: XmlElement, type: string, category: string, assets: Map<string, BankAsset>): RawQuestion {
  const questionFormat = FORMATS[child(q, 'questiontext')?.attributes.format ?? 'html'] ?? 'html';
  const rich = (el: XmlElement | undefined, fallback: TextFormat = questionFormat): RawText | undefined => {
    if (!el) return undefined;
    const format = FORMATS[el.attributes.format ?? ''] ?? fallback;
    return { text: withAssets(textOf(el), childElements(el, 'file'), assets), format };
  };
  const answer = (a: XmlElement, richAnswers: boolean): RawAnswer => {
    const tolerance = content(child(a, 'tolerance')).trim();
    const feedback = rich(child(a, 'feedback'));
    return {
      text: richAnswers ? rich(a)! : { text: textOf(a), format: 'plain' },
      fraction: Number(a.attributes.fraction ?? 0) / 100,
      ...(feedback?.text ? { feedback } : {}),
      ...(tolerance ? { tolerance: Number(tolerance) } : {}),
    };
  };
  const number = (name: string): number | undefined => {
    const v = content(child(q, name)).trim();
    return v === '' ? undefined : Number(v);
  };
  const richAnswers = type === 'multichoice' || type === 'ordering';
  const raw: RawQuestion = {
    type,
    name: textOf(child(q, 'name')),
    category,
    at: q.at,
    text: rich(child(q, 'questiontext')) ?? { text: '', format: 'html' },
    answers: childElements(q, 'answer').map((a) => answer(a, richAnswers)),
  };
  const idnumber = content(child(q, 'idnumber')).trim();
  if (idnumber) raw.idnumber = idnumber;
  for (const [field, el] of [
    ['generalFeedback', 'generalfeedback'],
    ['correctFeedback', 'correctfeedback'],
    ['partialFeedback', 'partiallycorrectfeedback'],
    ['incorrectFeedback', 'incorrectfeedback'],
  ] as const) {
    const t = rich(child(q, el));
    if (t?.text) raw[field] = t;
  }
  const grade = number('defaultgrade');
  if (grade !== undefined) raw.defaultGrade = grade;
  const single = content(child(q, 'single')).trim();
  if (single) raw.single = single !== 'false' && single !== '0';
  if (type === 'shortanswer') raw.caseSensitive = ['1', 'true'].includes(content(child(q, 'usecase')).trim());
  const units = childElements(child(q, 'units') ?? q, 'unit');
  if (child(q, 'units')) raw.units = units.map((u) => ({ name: content(child(u, 'unit_name')).trim(), multiplier: Number(content(child(u, 'multiplier')).trim() || 1) }));
  const subs = childElements(q, 'subquestion');
  if (subs.length) raw.subquestions = subs.map((s) => ({ text: rich(s) ?? { text: '', format: 'html' }, answer: textOf(child(s, 'answer')) }));
  const leftOut = [
    ...(childElements(q, 'hint').some((h) => textOf(h)) ? ['its hints (the course has no multiple tries)'] : []),
    ...(textOf(child(q, 'graderinfo')) ? ['its information for graders'] : []),
  ];
  if (leftOut.length) raw.leftOut = leftOut;
  if (type === 'ordering') {
    const setting = (name: string, fallback: string) => content(child(q, name)).trim().toUpperCase() || fallback;
    raw.ordering = { gradingType: setting('gradingtype', 'RELATIVE'), selectType: setting('selecttype', 'RANDOM'), selectCount: Number(setting('selectcount', '0')) };
  }
  const options = [...childElements(q, 'selectoption'), ...childElements(q, 'dragbox')];
  if (options.length) raw.options = options.map((o) => ({ text: textOf(o), group: Number(content(child(o, 'group')).trim() || 1) }));
  return raw;
}

/** Embedded files land in `assets/`; the text then points there instead of at @@PLUGINFILE@@. */
function withAssets(text: string, files: XmlElement[], assets: Map<string, BankAsset>): string {
  let result = text;
  for (const f of files) {
    const name = f.attributes.name ?? '';
    if (!name || (f.attributes.encoding ?? 'base64') !== 'base64') continue;
    const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-');
    if (!assets.has(safe)) assets.set(safe, { name: safe, bytes: Buffer.from(content(f).replace(/\s+/g, ''), 'base64') });
    const path = (f.attributes.path ?? '/').replace(/^\/|\/$/g, '');
    const ref = ['@@PLUGINFILE@@', path, name].filter(Boolean).join('/');
    const encoded = ['@@PLUGINFILE@@', path, encodeURIComponent(name)].filter(Boolean).join('/');
    result = result.split(encoded).join(`assets/${safe}`).split(ref).join(`assets/${safe}`);
  }
  return result;
}
