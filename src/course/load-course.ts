/** Loads a course folder: parse every file, validate, run the rules, build the model. */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative, resolve } from 'node:path';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/index.js';
import type { Assessment, Block, Course, LangMap, Module, Question } from './model.js';
import { forEachQuestion, runRules, type AssetUse, type CourseSources, type Validated } from './rules.js';
import { themeColors } from './theme.js';
import { FILE_SCHEMAS, type AssessmentSource, type CourseSource, type FileKind, type ModuleSource, type QuestionSource, type TextValue } from './schema.js';
import { MAX_SOURCE_BYTES, parseSource, pathString, positionOf, type SourceFile } from './source-file.js';
import { validateFile } from './validate.js';
import { guessKind, KIND_LISTS, KIND_NAMES } from './file-kind.js';
import { checkAssetSizes } from './asset-size.js';

export const COURSE_FILE = 'course.yaml';

export interface LoadResult {
  course: Course | null;
  diagnostics: Diagnostic[];
  /** Every source file read, by course-relative path (for code frames). */
  files: Map<string, string>;
}

export interface LoadOptions {
  /** A missing translation is a warning, and the model uses the source language's text (the first of `languages`). */
  allowMissing?: boolean;
}

/** Reads and checks the course in `dir`. `course` is null when there is any error. */
export function loadCourse(dir: string, options: LoadOptions = {}): LoadResult {
  const courseDir = resolve(dir);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>();
  const result = (course: Course | null): LoadResult => ({ course, diagnostics, files });

  if (!existsSync(join(courseDir, COURSE_FILE))) {
    diagnostics.push(diag('course-not-found', `no ${COURSE_FILE} in ${dir}`));
    return result(null);
  }
  const read = (kind: FileKind, path: string, listedAt?: (string | number)[]): Validated<unknown> | null => {
    const file = parseSource(path, readFileSync(join(courseDir, path)), diagnostics);
    if (!file) return null;
    files.set(path, file.text);
    const looks = guessKind(file.data);
    if (listedAt && looks && looks !== kind) {
      const hint = looks === 'course' ? undefined : `List it under \`${KIND_LISTS[looks]}\` instead.`;
      diagnostics.push(diag('wrong-file-kind', `"${path}" is ${KIND_NAMES[looks]}, not ${KIND_NAMES[kind]}`, { ...positionOf(course!.file, listedAt), path: pathString(listedAt) }, { hint }));
      return null;
    }
    const data: unknown = validateFile(file, FILE_SCHEMAS[kind], diagnostics);
    return data ? { kind, file, data } : null;
  };

  const course = read('course', COURSE_FILE) as Validated<CourseSource> | null;
  if (!course) return result(null);

  const include = (path: string, listPath: (string | number)[], kind: FileKind): string | null => {
    const rel = posix.normalize(path);
    const where = { ...positionOf(course!.file, listPath), path: pathString(listPath) };
    if (rel === COURSE_FILE) {
      diagnostics.push(diag('wrong-file-kind', `"${path}" is the course file itself, not ${KIND_NAMES[kind]}`, where));
      return null;
    }
    if (rel.startsWith('../') || posix.isAbsolute(rel)) {
      diagnostics.push(diag('asset-outside-course', `"${path}" is outside the course folder`, where, { hint: 'Keep module files inside the course folder.' }));
      return null;
    }
    const full = join(courseDir, rel);
    if (!existsSync(full) || !statSync(full).isFile()) {
      diagnostics.push(diag('file-not-found', `"${path}" does not exist`, where));
      return null;
    }
    const inside = relative(realpathSync(courseDir), realpathSync(full));
    if (inside.startsWith('..') || isAbsolute(inside)) {
      diagnostics.push(diag('asset-outside-course', `"${path}" is a link to a file outside the course folder`, where, { hint: 'Keep module files inside the course folder.' }));
      return null;
    }
    if (!/\.ya?ml$/i.test(rel)) {
      diagnostics.push(diag('wrong-file-kind', `"${path}" is not a YAML file, so it cannot be ${KIND_NAMES[kind]}`, where, { hint: 'List the .yaml files of the course here; images and documents are used from the pages.' }));
      return null;
    }
    // Refuse a huge file (a video listed by mistake) before reading it into memory.
    const size = statSync(full).size;
    if (size > MAX_SOURCE_BYTES) {
      diagnostics.push(diag('file-too-large', `${rel} is ${size} bytes; the limit is ${MAX_SOURCE_BYTES}`, { file: rel, line: 1, column: 1 }));
      return null;
    }
    return rel;
  };

  const modules: Validated<ModuleSource>[] = [];
  let complete = true;
  course.data.modules.forEach((path, i) => {
    const rel = include(path, ['modules', i], 'module');
    const loaded = rel ? (read('module', rel, ['modules', i]) as Validated<ModuleSource> | null) : null;
    if (loaded) modules.push(loaded);
    else complete = false;
  });
  const assessments: Validated<AssessmentSource>[] = [];
  const assessmentPaths: Array<[string, (string | number)[]]> = [
    ...(course.data.assessment ? [[course.data.assessment, ['assessment']] as [string, (string | number)[]]] : []),
    ...(course.data.assessments ?? []).map((path, i) => [path, ['assessments', i]] as [string, (string | number)[]]),
  ];
  for (const [path, listPath] of assessmentPaths) {
    const rel = include(path, listPath, 'assessment');
    const loaded = rel ? (read('assessment', rel, listPath) as Validated<AssessmentSource> | null) : null;
    if (loaded) assessments.push(loaded);
    else complete = false;
  }

  const sources: CourseSources = { dir: courseDir, course, modules, assessments };
  const assets = runRules(sources, diagnostics);
  checkAssetSizes(courseDir, assets, course.data.languages, diagnostics);
  if (options.allowMissing) allowMissingTexts(diagnostics, course.data.languages[0]!);
  if (!complete || diagnostics.some((d) => d.severity === 'error')) return result(null);
  return result(buildModel(sources, assets, options));
}

/** With `allowMissing`, each missing translation (text or image) is a warning; buildModel fills it from the source language. */
function allowMissingTexts(diagnostics: Diagnostic[], source: string): void {
  diagnostics.forEach((d, i) => {
    if ((d.code !== 'untranslated-text' && d.code !== 'untranslated-image') || d.severity !== 'error') return;
    const what = d.code === 'untranslated-text' ? 'text' : 'image';
    diagnostics[i] = { ...d, severity: 'warning', hint: `Built with the ${source} ${what} in its place (--allow-missing); add the translation before publishing.` };
  });
}

/** The files each language's packages carry: those used by every language, and its own. */
function assetsByLanguage(langs: string[], uses: AssetUse[], modules: Course['modules'], allowMissing: boolean): Record<string, string[]> {
  // With --allow-missing a text may be the source language's, with its Markdown images: carry them too.
  const carried = (u: AssetUse, lang: string) => u.lang === undefined || u.lang === lang || (allowMissing && u.lang === langs[0]);
  return Object.fromEntries(
    langs.map((lang) => {
      const paths = new Set(uses.filter((u) => carried(u, lang)).map((u) => u.path));
      // An image filled from the source language (--allow-missing) travels with the language that shows it.
      for (const m of modules) for (const p of m.pages) for (const b of p.blocks) if (b.type === 'image') paths.add(b.src[lang]!);
      for (const m of modules) for (const p of m.pages) for (const b of p.blocks) if (b.type === 'hotspots') paths.add(b.image.src[lang]!);
      return [lang, [...paths].sort()];
    }),
  );
}

function buildModel(sources: CourseSources, uses: AssetUse[], options: LoadOptions): Course {
  const c = sources.course.data;
  const langs = c.languages;
  const fill = (map: LangMap): LangMap => Object.fromEntries(langs.map((l) => [l, map[l] ?? map[langs[0]!] ?? Object.values(map)[0] ?? '']));
  const t = (value: TextValue): LangMap => (typeof value === 'string' ? Object.fromEntries(langs.map((l) => [l, value])) : options.allowMissing ? fill(value) : { ...value });
  const opt = (value: TextValue | undefined): LangMap | undefined => (value === undefined ? undefined : t(value));
  const mapPaths = (map: LangMap, f: (path: string) => string): LangMap => Object.fromEntries(Object.entries(map).map(([l, v]) => [l, f(v)]));

  const item = (i: { id: string; text: TextValue }) => ({ id: i.id, text: t(i.text) });
  const panel = (i: { title: TextValue; body: TextValue }) => ({ title: t(i.title), body: t(i.body) });
  const titled = (title: TextValue | undefined) => (title === undefined ? {} : { title: t(title) });
  const question = (q: QuestionSource): Question => {
    const base = {
      id: q.id,
      prompt: t(q.prompt),
      feedback: { ...(q.feedback?.correct ? { correct: t(q.feedback.correct) } : {}), ...(q.feedback?.incorrect ? { incorrect: t(q.feedback.incorrect) } : {}) },
      weight: q.weight ?? 1,
    };
    switch (q.type) {
      case 'true-false':
        return { ...base, type: q.type, answer: q.answer };
      case 'single-choice':
      case 'multiple-choice':
        return {
          ...base,
          type: q.type,
          scoring: q.type === 'multiple-choice' ? q.scoring : 'all-or-nothing',
          choices: q.choices.map((ch) => ({ id: ch.id, text: t(ch.text), correct: ch.correct ?? false, ...(ch.feedback ? { feedback: t(ch.feedback) } : {}) })),
        };
      case 'fill-in':
        return { ...base, type: q.type, answers: q.answers.map(t), caseSensitive: q.caseSensitive, maxLength: q.maxLength, ...(q.pattern ? { pattern: q.pattern } : {}) };
      case 'numeric': {
        const a = q.answer;
        const range = typeof a === 'number' ? { min: a, max: a } : 'min' in a ? { min: a.min, max: a.max } : { min: a.value - a.tolerance, max: a.value + a.tolerance };
        return { ...base, type: q.type, range };
      }
      case 'matching':
        return { ...base, type: q.type, pairs: q.pairs.map((p) => ({ source: item(p.source), target: item(p.target) })), distractors: (q.distractors ?? []).map(item) };
      case 'sequencing':
        return { ...base, type: q.type, items: q.items.map(item) };
      case 'likert':
        return { ...base, type: q.type, scale: q.scale.map(item) };
      case 'free-text':
        return { ...base, type: q.type, maxLength: q.maxLength };
    }
  };

  const modules: Module[] = sources.modules.map(({ data: m }) => ({
    id: m.id,
    title: t(m.title),
    ...(m.description ? { description: t(m.description) } : {}),
    pages: m.pages.map((p) => ({
      id: p.id,
      title: t(p.title),
      blocks: p.blocks.map((b): Block => {
        switch (b.type) {
          case 'text':
            return { type: 'text', body: t(b.body) };
          case 'image':
            // A decorative image gets alt="" (screen readers skip it); the rules make sure every other one has a text.
            return { type: 'image', src: mapPaths(t(b.src), posix.normalize), alt: b.decorative || b.alt === undefined ? t('') : t(b.alt), ...(b.caption ? { caption: t(b.caption) } : {}), ...(b.credit ? { credit: t(b.credit) } : {}) };
          case 'callout':
            return { type: 'callout', style: b.style, body: t(b.body), ...(b.title ? { title: t(b.title) } : {}) };
          case 'testimony':
            return { type: 'testimony', name: t(b.name), quote: t(b.quote), ...(b.role ? { role: t(b.role) } : {}) };
          case 'check':
            return { type: 'check', id: b.id, questions: b.questions.map(question), ...(b.title ? { title: t(b.title) } : {}) };
          case 'accordion':
          case 'tabs':
            return { type: b.type, ...titled(b.title), items: b.items.map(panel) };
          case 'flip-cards':
            return { type: b.type, ...titled(b.title), cards: b.cards.map((c) => ({ front: t(c.front), back: t(c.back) })) };
          case 'stepper':
            return { type: b.type, ...titled(b.title), steps: b.steps.map(panel) };
          case 'hotspots':
            return {
              type: b.type,
              ...titled(b.title),
              image: { src: mapPaths(t(b.image.src), posix.normalize), alt: t(b.image.alt) },
              spots: b.spots.map((spot) => ({ x: spot.x, y: spot.y, label: t(spot.label), body: t(spot.body) })),
            };
          case 'scenario':
            return {
              type: 'scenario',
              id: b.id,
              title: t(b.title),
              ...(b.intro ? { intro: t(b.intro) } : {}),
              start: b.start ?? b.nodes[0]!.id,
              nodes: b.nodes.map((n) => ({
                id: n.id,
                line: t(n.line),
                ...(n.speaker ? { speaker: t(n.speaker) } : {}),
                choices: (n.choices ?? []).map((c) => ({ id: c.id, text: t(c.text), next: c.next, ...(c.feedback ? { feedback: t(c.feedback) } : {}) })),
                ...(n.end ? { end: n.end } : {}),
                ...(n.score !== undefined ? { score: n.score } : {}),
                ...(n.feedback ? { feedback: t(n.feedback) } : {}),
              })),
            };
        }
      }),
    })),
  }));

  const assessments: Assessment[] = sources.assessments.map(({ data: a }) => ({
    id: a.id,
    title: t(a.title),
    ...(a.intro ? { intro: t(a.intro) } : {}),
    passingScore: a.passingScore,
    attempts: a.attempts,
    showCorrectAnswers: a.showCorrectAnswers,
    draw: Math.min(a.draw ?? a.questions.length, a.questions.length),
    shuffle: a.shuffle,
    counts: a.counts,
    questions: a.questions.map(question),
  }));

  return {
    id: c.id,
    version: c.version,
    languages: langs,
    title: t(c.title),
    ...(c.description ? { description: t(c.description) } : {}),
    ...(c.author ? { author: c.author } : {}),
    dir: sources.dir,
    completion: { pages: c.completion.pages },
    status: c.status,
    allowHtml: c.allowHtml,
    theme: {
      colors: themeColors(c.theme),
      ...(c.theme?.font ? { font: c.theme.font } : {}),
      ...(c.theme?.logo && c.theme.logoAlt ? { logo: { src: posix.normalize(c.theme.logo), alt: t(c.theme.logoAlt) } } : {}),
    },
    ...(c.xapi ? { xapi: { activityBase: c.xapi.activityBase } } : {}),
    cmi5: { aus: c.cmi5?.aus ?? 'course' },
    tracking: { checks: c.tracking.checks, scenarios: c.tracking.scenarios },
    modules,
    assessments,
    result: { from: c.result.from },
    positions: idPositions(sources),
    assets: assetsByLanguage(langs, uses, modules, options.allowMissing === true),
  };
}

/** Where each page, assessment and question id is written, for diagnostics found after loading. */
function idPositions(sources: CourseSources): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {};
  for (const m of sources.modules) m.data.pages.forEach((page, p) => (positions[page.id] = positionOf(m.file, ['pages', p, 'id'])));
  for (const a of sources.assessments) positions[a.data.id] = positionOf(a.file, ['id']);
  forEachQuestion(sources, (q, file, path) => {
    positions[q.id] = positionOf(file, [...path, 'id']);
  });
  return positions;
}
