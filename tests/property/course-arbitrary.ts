/**
 * fast-check arbitraries for whole courses: every text field holds an arbitrary string, ids go up
 * to the 64-character limit, answers are arbitrary. `strings: 'any'` draws from all of Unicode
 * (controls, lone surrogates, noncharacters included); `strings: 'accepted'` only from what the
 * loader accepts, so such a course must build. Pages hold issue 13's blocks and issue 15's
 * (block-arbitrary.ts: interactive blocks, video and audio with caption files, scenarios), valid
 * unless `structures: 'any'` asks for deliberate breakages, whose codes `courseCaseArb` returns.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { refusedClass } from '../../src/course/characters.js';
import { blankLabel } from '../../src/course/label-rules.js';
import { newBlockArb, type BlockCtx, type GeneratedBlock } from './block-arbitrary.js';

export type StringKind = 'any' | 'accepted';

export interface CourseOptions {
  /** 'any': issue 15's blocks may be broken on purpose (block-arbitrary.ts); default 'valid'. */
  structures?: 'valid' | 'any';
}

/** A generated course folder, and the error codes its deliberate breakages must be reported with. */
export interface CourseCase {
  files: Record<string, string | Uint8Array>;
  expect: string[];
}

/** Languages with interface tables, so a course in them can build. */
const LANGUAGES = ['en', 'fr', 'pl', 'fi', 'mt'];

/** Characters that have broken some output somewhere: markup, quotes, escapes, bidi, invisible, line separators. */
const HOSTILE_CHARS = [
  '<', '>', '&', '"', "'", '`', '\\', '$', '{', '}', '%', '#', '*', '_', '|', ':', '-', '\n', '\r', '\t', ' ',
  '\u00a0', '\u2028', '\u2029', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202a', '\u202b', '\u202c',
  '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\ue000', '\ufffd',
  '\u0301', '😀', '👩🏽‍💻', '𝒜', 'ﷺ', '\u0007', '\u000b', '\u000c', '\u0000', '\u001b', '\u007f', '\u0085', '\u0092',
  '\ufffe', '\uffff', '\ud800', '\udfff', '\ufdd0',
];

/** Whole texts that have broken e-learning tools. */
const HOSTILE_TEXTS = [
  '<script>alert(1)</script>',
  '</script><script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'); alert(1); ('",
  '<!-- a note for authors -->',
  '<!--',
  ']]>',
  '&amp; &lt; &#0; &#x7; &nbsp;',
  '<%= it.s %> <%~ it %>',
  '${1 + 1} {{ x }}',
  '<style>body{display:none}</style>',
  '[a link](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<svg onload=alert(1)>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<meta http-equiv="refresh" content="0;url=https://example.org">',
  '\u202egnp.exe',
  'a\u0000b',
  'Line one\u000bline two',
  '"quoted" \'single\' `back`',
  '',
  ' ',
  '-',
  '? : - | > ! & * # % @',
  'x'.repeat(300),
];

const LONG_TEXT = 'Long text without end. '.repeat(4_348).slice(0, 100_000);

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

/** A valid id, sometimes exactly 64 characters (the limit). */
const idArb = fc
  .tuple(fc.array(fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([parts, long]) => {
    const id = parts.join('-');
    return long ? `${id}-${'z'.repeat(64)}`.slice(0, 64).replace(/-+$/, '') : id;
  });

function charArb(kind: StringKind): fc.Arbitrary<string> {
  const chars = fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_CHARS) },
  );
  return kind === 'any' ? chars : chars.filter(accepted);
}

/** Whether the loader accepts every character of `text`, and every character a Markdown reference (&#7;) in it stands for. */
export function accepted(text: string): boolean {
  for (const ref of text.matchAll(/&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));/g)) {
    const codePoint = ref[1] !== undefined ? parseInt(ref[1], 16) : Number(ref[2]);
    if (codePoint > 0x10ffff || refusedClass(codePoint) !== undefined) return false;
  }
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (refusedClass(cp) !== undefined) return false;
    if (cp > 0xffff) i++;
  }
  return true;
}

/** Markdown that names a file or a page the generated course does not have would be a legitimate error. */
const namesSomething = (text: string) => /\]\s*[([:]|\]\s*$/m.test(text);

export function stringArb(kind: StringKind): fc.Arbitrary<string> {
  const composed = fc.string({ unit: charArb(kind), maxLength: 40 });
  const texts = fc.constantFrom(...(kind === 'any' ? HOSTILE_TEXTS : HOSTILE_TEXTS.filter(accepted)));
  return fc
    // A course has about fifty texts: a 100,000-character one in about one course of three.
    .oneof({ weight: 60, arbitrary: composed }, { weight: 30, arbitrary: texts }, { weight: 20, arbitrary: fc.tuple(texts, composed, texts).map((p) => p.join(' ')) }, { weight: 1, arbitrary: fc.constant(LONG_TEXT) })
    .filter((t) => !namesSomething(t));
}

/** A text field: a string for a one-language course, else one string per language. */
function textArb(langs: string[], kind: StringKind, nonBlank: boolean | ((t: string) => boolean) = false): fc.Arbitrary<string | Record<string, string>> {
  const keep = typeof nonBlank === 'function' ? nonBlank : (t: string) => t.trim() !== '';
  const one = nonBlank ? stringArb(kind).filter(keep) : stringArb(kind);
  if (langs.length === 1) return one;
  return fc.tuple(...langs.map(() => one)).map((values) => Object.fromEntries(langs.map((l, i) => [l, values[i]!])));
}

interface Ctx {
  langs: string[];
  kind: StringKind;
  structures: 'valid' | 'any';
  /** Choice, item and scale ids: up to 64 characters when 'any', short when the course must fit SCORM 1.2 responses. */
  innerId: fc.Arbitrary<string>;
}

function distinct(ids: string[]): string[] {
  const used = new Set<string>();
  return ids.map((id, i) => {
    let candidate = id;
    while (used.has(candidate)) candidate = `${id.slice(0, 56).replace(/-+$/, '')}-${i.toString(36)}${used.size.toString(36)}`;
    used.add(candidate);
    return candidate;
  });
}

function itemsArb(ctx: Ctx, min: number, max: number) {
  return fc.array(fc.tuple(ctx.innerId, textArb(ctx.langs, ctx.kind)), { minLength: min, maxLength: max }).map((list) => {
    const ids = distinct(list.map(([id]) => id));
    return list.map(([, text], i) => ({ id: ids[i]!, text }));
  });
}

function questionArb(ctx: Ctx): fc.Arbitrary<Record<string, unknown>> {
  const t = () => textArb(ctx.langs, ctx.kind);
  const base = fc.record({ id: idArb, prompt: t(), feedback: fc.option(fc.record({ correct: t(), incorrect: t() }), { nil: undefined }) });
  const withBase = <T extends object>(extra: fc.Arbitrary<T>) => fc.tuple(base, extra).map(([b, e]) => JSON.parse(JSON.stringify({ ...b, ...e })) as Record<string, unknown>);
  const choices = (type: 'single-choice' | 'multiple-choice') =>
    fc.tuple(itemsArb(ctx, 2, 4), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.option(t(), { nil: undefined })).map(([items, marks, feedback]) => ({
      type,
      choices: items.map((c, i) => ({ ...c, ...((type === 'single-choice' ? i === 0 : i === 0 || marks[i]) ? { correct: true } : {}), ...(feedback !== undefined && i === 1 ? { feedback } : {}) })),
    }));
  const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
  return fc.oneof(
    withBase(fc.record({ type: fc.constant('true-false'), answer: fc.boolean() })),
    withBase(choices('single-choice')),
    withBase(choices('multiple-choice')),
    withBase(fc.record({ type: fc.constant('fill-in'), answers: fc.array(t(), { minLength: 1, maxLength: 3 }), caseSensitive: fc.boolean(), maxLength: fc.integer({ min: 1, max: 40 }) })),
    withBase(fc.tuple(finite, finite).map(([a, b]) => ({ type: 'numeric', answer: { min: Math.min(a, b), max: Math.max(a, b) } }))),
    withBase(fc.tuple(itemsArb(ctx, 4, 8), itemsArb(ctx, 0, 2)).map(([items, distractors]) => {
      const pairs = [];
      for (let i = 0; i + 1 < items.length; i += 2) pairs.push({ source: items[i]!, target: items[i + 1]! });
      const targetIds = new Set(pairs.map((p) => p.target.id));
      const extra = distractors.filter((d) => !targetIds.has(d.id));
      return { type: 'matching', pairs, ...(extra.length ? { distractors: extra } : {}) };
    })),
    withBase(itemsArb(ctx, 2, 4).map((items) => ({ type: 'sequencing', items }))),
    withBase(itemsArb(ctx, 2, 5).map((scale) => ({ type: 'likert', scale }))),
    withBase(fc.integer({ min: 1, max: 40 }).map((maxLength) => ({ type: 'free-text', maxLength }))),
  );
}

function blockArb(ctx: Ctx): fc.Arbitrary<Record<string, unknown>> {
  const t = () => textArb(ctx.langs, ctx.kind);
  const opt = () => fc.option(t(), { nil: undefined });
  const clean = (o: object) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
  return fc.oneof(
    fc.record({ type: fc.constant('text'), body: t() }),
    fc.oneof(
      fc.record({ alt: textArb(ctx.langs, ctx.kind, ctx.kind === 'accepted'), caption: opt(), credit: opt() }).map((b) => clean({ type: 'image', src: 'assets/pic.svg', ...b })),
      fc.record({ caption: opt() }).map((b) => clean({ type: 'image', src: 'assets/pic.svg', decorative: true, ...b })),
    ),
    fc.record({ style: fc.constantFrom('info', 'tip', 'warning', 'example'), title: opt(), body: t() }).map((b) => clean({ type: 'callout', ...b })),
    fc.record({ name: t(), role: opt(), quote: t() }).map((b) => clean({ type: 'testimony', ...b })),
    fc.record({ id: idArb, title: opt(), questions: fc.array(questionArb(ctx), { minLength: 1, maxLength: 2 }) }).map((b) => clean({ type: 'check', ...b })),
  );
}

/** Any block: issue 13's kinds or issue 15's (with their caption files and expected errors). */
function anyBlockArb(ctx: Ctx): fc.Arbitrary<GeneratedBlock> {
  const blockCtx: BlockCtx = {
    langs: ctx.langs,
    anyChars: ctx.kind === 'any',
    structures: ctx.structures,
    text: () => textArb(ctx.langs, ctx.kind),
    nonBlankText: () => textArb(ctx.langs, ctx.kind, ctx.kind === 'accepted'),
    labelText: () => textArb(ctx.langs, ctx.kind, ctx.kind === 'accepted' && ((t: string) => !blankLabel(t))),
    string: () => stringArb(ctx.kind),
    id: idArb,
  };
  return fc.oneof({ weight: 5, arbitrary: blockArb(ctx).map((block) => ({ block, expect: [] })) }, { weight: 8, arbitrary: newBlockArb(blockCtx) });
}

/** The files of a course folder (course.yaml, modules, an assessment, an image, media and captions). */
export function courseArb(kind: StringKind, options: CourseOptions = {}): fc.Arbitrary<Record<string, string | Uint8Array>> {
  return courseCaseArb(kind, options).map((c) => c.files);
}

/** A course folder with every kind of block, and the errors its deliberate breakages must earn. */
export function courseCaseArb(kind: StringKind, options: CourseOptions = {}): fc.Arbitrary<CourseCase> {
  const structures = options.structures ?? 'valid';
  return fc
    .tuple(fc.subarray(LANGUAGES, { minLength: 1, maxLength: 2 }), fc.boolean())
    .chain(([langs, longInnerIds]) => {
      const innerId = kind === 'any' && longInnerIds ? idArb : idArb.map((id) => id.slice(0, 12).replace(/-+$/, ''));
      const ctx: Ctx = { langs, kind, structures, innerId };
      const t = () => textArb(langs, kind);
      const page = fc.record({ id: idArb, title: t(), blocks: fc.array(anyBlockArb(ctx), { minLength: 1, maxLength: 3 }) });
      const moduleArb = fc.record({ id: idArb, title: t(), description: fc.option(t(), { nil: undefined }), pages: fc.array(page, { minLength: 1, maxLength: 2 }) });
      const scored = questionArb(ctx).filter((q) => q.type !== 'likert' && q.type !== 'free-text');
      const assessment = fc.record({
        id: idArb,
        title: t(),
        intro: fc.option(t(), { nil: undefined }),
        passingScore: fc.integer({ min: 0, max: 100 }),
        attempts: fc.integer({ min: 1, max: 3 }),
        shuffle: fc.boolean(),
        questions: fc.tuple(scored, fc.array(questionArb(ctx), { maxLength: 2 })).map(([q, rest]) => [q, ...rest]),
      });
      return fc.record({ courseId: idArb, title: t(), description: fc.option(t(), { nil: undefined }), modules: fc.array(moduleArb, { minLength: 1, maxLength: 2 }), assessment, langs: fc.constant(langs) });
    })
    .map(({ courseId, title, description, modules, assessment, langs }) => courseFiles(courseId, title, description, modules, assessment, langs));
}

/**
 * Gives every page, module, check, question, scenario, media and assessment a distinct id, names the
 * caption files, then writes the YAML.
 */
function courseFiles(courseId: string, title: unknown, description: unknown, generatedModules: Array<Record<string, unknown>>, generatedAssessment: Record<string, unknown>, langs: string[]): CourseCase {
  // fast-check reuses generated values while shrinking: work on copies.
  const modules = structuredClone(generatedModules);
  const assessment = structuredClone(generatedAssessment);
  const owners: Array<{ id: string }> = [];
  const captions: Record<string, string | Uint8Array> = {};
  const expect: string[] = [];
  for (const m of modules) {
    owners.push(m as { id: string });
    const pages = m.pages as Array<{ id: string; blocks: Array<Record<string, unknown>> }>;
    for (const p of pages) {
      owners.push(p);
      p.blocks = (p.blocks as unknown as GeneratedBlock[]).map((generated) => {
        const b = generated.block;
        expect.push(...generated.expect);
        if (generated.captions) {
          const n = Object.keys(captions).length;
          b.captions = Object.fromEntries(Object.entries(generated.captions).map(([lang, text]) => [lang, `assets/c${n}.${lang}.vtt`]));
          for (const [lang, text] of Object.entries(generated.captions)) captions[`assets/c${n}.${lang}.vtt`] = text;
        }
        return b;
      });
      for (const b of p.blocks) {
        if (b.type === 'check') owners.push(b as { id: string }, ...(b.questions as Array<{ id: string }>));
        if (b.type === 'scenario' || b.type === 'video' || b.type === 'audio') owners.push(b as { id: string });
      }
    }
  }
  owners.push(assessment as { id: string }, ...(assessment.questions as Array<{ id: string }>));
  const ids = distinct(owners.map((o) => o.id));
  owners.forEach((o, i) => (o.id = ids[i]!));
  const files: Record<string, string | Uint8Array> = {
    'course.yaml': stringify({
      id: courseId,
      version: '1.0.0',
      languages: langs,
      title,
      ...(description === undefined ? {} : { description }),
      modules: modules.map((_, i) => `modules/m${i}.yaml`),
      assessment: 'assessment.yaml',
      xapi: { activityBase: 'urn:uuid:3f1c6a52-0b7e-4d0a-9a51-2f5c1d7e9b10' },
    }),
    'assessment.yaml': stringify(assessment),
    'assets/pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
    ...captions,
  };
  modules.forEach((m, i) => (files[`modules/m${i}.yaml`] = stringify(JSON.parse(JSON.stringify(m)))));
  return { files, expect: [...new Set(expect)].sort() };
}
