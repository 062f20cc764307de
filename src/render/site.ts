/**
 * Renders one language of a course into the files every package shares: index.html (for any
 * target's CSP), player.css, theme.css and, for large courses, one script per module.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';
import { allQuestions, type Block, type Course, type LangMap, type Question } from '../course/model.js';
import { SCRIPTED_BLOCKS } from '../player/blocks/kinds.js';
import { shapeOfPlayerQuestion, type AnswerShape } from '../player/core/state-layout.js';
import type { PlayerData, PlayerQuestion } from '../player/core/types.js';
import { questionForPlayer, tr } from './player-question.js';
import { TEMPLATES_DIR } from '../paths.js';
import { themeCss } from '../course/theme.js';
import { format, uiStrings, SOURCE_UI_LANGUAGE } from './i18n.js';
import { createMarkdown } from './markdown.js';
import { interactiveView } from './interactive-blocks.js';
import { typographyFor } from './typography.js';
import { mediaOrigins, mediaView, withMediaOrigins } from './media-view.js';

const eta = new Eta({ views: TEMPLATES_DIR, autoEscape: true, autoTrim: [false, 'nl'], cache: true, useWith: false });

/**
 * Above this many pages, each module's pages but the first module's go into their own script
 * (`modules/<id>.js`), which the player loads when one of its pages is shown: the first page then
 * costs the same at 1000 pages as at 45 (issue 14). Smaller courses keep every page in index.html.
 */
export const SPLIT_ABOVE_PAGES = 100;
/** The function a module script calls (src/player/core/module-loader.ts defines it). */
export const MODULE_CALLBACK = 'coursepackModule';

export interface RenderedSite {
  /** index.html with the target's Content-Security-Policy, the only part that differs between targets. */
  html(csp: string): string;
  css: string;
  /** The course theme as CSS variables (theme.css). */
  themeCss: string;
  data: PlayerData;
  /** The module scripts of a split course (none for a small one). */
  moduleFiles: Array<{ path: string; data: string }>;
  /** The block kinds with a script the course uses (`blocks/<kind>.js`, src/player/blocks/contract.ts), sorted. */
  blockKinds: string[];
}

export function renderSite(course: Course, lang: string): RenderedSite {
  // Every text a learner sees follows the language's typography (e.g. French non-breaking spaces).
  const typography = typographyFor(lang);
  const md = createMarkdown({ allowHtml: course.allowHtml, typography });
  const s = Object.fromEntries(Object.entries({ ...uiStrings(SOURCE_UI_LANGUAGE), ...uiStrings(lang) }).map(([k, v]) => [k, typography(v)]));
  const t = (map: LangMap | undefined) => (map ? typography(tr(map, lang)) : '');
  const questions: Record<string, PlayerQuestion> = {};

  const questionView = (q: Question) => {
    questions[q.id] = questionForPlayer(q, lang, md);
    const base = { id: q.id, type: q.type, prompt: md.inline(t(q.prompt)), hint: s[HINTS[q.type]] ?? '' };
    switch (q.type) {
      case 'true-false':
        return { ...base, kind: 'options', inputType: 'radio', options: [{ id: 'true', html: s.true! }, { id: 'false', html: s.false! }] };
      case 'single-choice':
      case 'multiple-choice':
        return { ...base, kind: 'options', inputType: q.type === 'multiple-choice' ? 'checkbox' : 'radio', options: q.choices.map((c) => ({ id: c.id, html: md.inline(t(c.text)) })) };
      case 'likert':
        return { ...base, kind: 'options', inputType: 'radio', options: q.scale.map((p) => ({ id: p.id, html: md.inline(t(p.text)) })) };
      case 'fill-in':
      case 'free-text':
        return { ...base, kind: 'text', maxLength: q.maxLength };
      case 'numeric':
        return { ...base, kind: 'text', maxLength: 32 };
      case 'matching': {
        const targets = [...q.pairs.map((p) => p.target), ...q.distractors].map((i) => ({ id: i.id, text: t(i.text) }));
        targets.sort((a, b) => a.text.localeCompare(b.text, lang) || a.id.localeCompare(b.id));
        return { ...base, kind: 'matching', sources: q.pairs.map((p) => ({ id: p.source.id, html: md.inline(t(p.source.text)) })), targets };
      }
      case 'sequencing':
        return { ...base, kind: 'sequence', items: q.items.map((i) => ({ id: i.id, html: md.inline(t(i.text)) })) };
    }
  };

  const blockView = (b: Block) => {
    switch (b.type) {
      case 'text':
        return { type: b.type, html: md.block(t(b.body)) };
      case 'image':
        return { type: b.type, src: tr(b.src, lang), alt: t(b.alt), caption: t(b.caption), credit: t(b.credit) };
      case 'callout':
        return { type: b.type, style: b.style, title: t(b.title), html: md.block(t(b.body)) };
      case 'testimony':
        return { type: b.type, name: t(b.name), role: t(b.role), html: md.block(t(b.quote)) };
      case 'check':
        return { type: b.type, id: b.id, title: t(b.title) || s.knowledgeCheck, questions: b.questions.map(questionView) };
      case 'accordion':
      case 'tabs':
      case 'flip-cards':
      case 'stepper':
      case 'hotspots':
        return interactiveView(b, lang, t, md);
      case 'video':
      case 'audio':
        return mediaView(b, lang, t, (source) => md.block(source));
      case 'scenario': {
        // Every node in authored order, each choice with a link to where it leads: the script reads and prints without the player.
        const step = new Map(b.nodes.map((n, i) => [n.id, i + 1]));
        return {
          type: b.type,
          id: b.id,
          title: t(b.title),
          intro: b.intro ? md.block(t(b.intro)) : '',
          nodes: b.nodes.map((n, i) => ({
            id: n.id,
            step: format(s.scenarioStep!, { n: i + 1 }),
            speaker: t(n.speaker),
            line: md.block(t(n.line)),
            end: n.end ?? '',
            verdict: n.end ? s[VERDICTS[n.end]] : '',
            score: n.end && n.score !== undefined ? format(s.scenarioScore!, { score: n.score }) : '',
            feedback: n.end && n.feedback ? md.block(t(n.feedback)) : '',
            choices: n.choices.map((c) => ({ id: c.id, html: md.inline(t(c.text)), feedback: c.feedback ? md.block(t(c.feedback)) : '', next: c.next, goTo: format(s.scenarioGoTo!, { n: step.get(c.next) ?? 0 }) })),
          })),
        };
      }
    }
  };

  const split = course.modules.reduce((n, m) => n + m.pages.length, 0) > SPLIT_ABOVE_PAGES;
  const moduleFiles: RenderedSite['moduleFiles'] = [];
  const checkShapes: Record<string, AnswerShape> = {};
  // Each module's pages as one HTML string, rendered once whatever the number of targets.
  const modules = course.modules.map((m, index) => {
    const title = t(m.title);
    const pages = m.pages.map((p) => ({ id: p.id, title: t(p.title), html: eta.render('blocks', { blocks: p.blocks.map(blockView), s }) }));
    const html = eta.render('pages', { module: title, pages });
    // The first module stays in index.html: a first visit starts there without waiting for a script.
    if (!split || index === 0) return { id: m.id, title, pages, html };
    const checkIds = m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'check' ? b.questions.map((q) => q.id) : [])));
    const own = Object.fromEntries(checkIds.map((id) => [id, questions[id]!]));
    for (const id of checkIds) {
      // The player lays out the saved state before this module loads: it gets the shape now.
      checkShapes[id] = shapeOfPlayerQuestion(questions[id]!);
      delete questions[id];
    }
    const chunk = JSON.stringify({ index, html, questions: own }).replace(/</g, '\\u003c');
    moduleFiles.push({ path: moduleFile(m.id), data: `${MODULE_CALLBACK}(${chunk});\n` });
    return { id: m.id, title, pages, html: '' };
  });

  const assessments = course.assessments.map((a) => {
    const view = {
      id: a.id,
      title: t(a.title),
      intro: a.intro ? md.block(t(a.intro)) : '',
      rules: format(s.assessmentRules!, { passingScore: a.passingScore, attempts: a.attempts, questions: a.draw }),
      questions: a.questions.map(questionView),
    };
    return { ...view, html: eta.render('assessment', { a: view, s }) };
  });

  const scenarioData = course.modules.flatMap((m) =>
    m.pages.flatMap((p) =>
      p.blocks.flatMap((b) =>
        b.type === 'scenario'
          ? [{ id: b.id, title: t(b.title), page: p.id, start: b.start, nodes: b.nodes.map((n) => ({ id: n.id, choices: n.choices.map((c) => ({ id: c.id, next: c.next })), ...(n.end ? { end: n.end } : {}), ...(n.score !== undefined ? { score: n.score } : {}) })) }]
          : [],
      ),
    ),
  );

  const used = new Set(course.modules.flatMap((m) => m.pages.flatMap((p) => p.blocks.map((b) => b.type as string))));
  const blockKinds = SCRIPTED_BLOCKS.filter((kind) => used.has(kind)).sort();
  // A split course loads a block kind's script with the first module that uses it, not at start
  // (a 1000-page course whose tabs sit in module 20 runs no tab code before module 20).
  const kindsOf = (m: (typeof course.modules)[number]) => SCRIPTED_BLOCKS.filter((kind) => m.pages.some((p) => p.blocks.some((b) => b.type === kind))).sort();
  const startKinds = split ? kindsOf(course.modules[0]!) : blockKinds;
  const lateScripts = (index: number): { blocks?: string[] } => {
    const late = kindsOf(course.modules[index]!).filter((kind) => !startKinds.includes(kind));
    return late.length ? { blocks: late.map(blockScript) } : {};
  };

  const data: PlayerData = {
    v: 1,
    id: course.id,
    version: course.version,
    lang,
    title: t(course.title),
    modules: course.modules.map((m, i) => ({ id: m.id, title: t(m.title), ...(split && i > 0 ? { file: moduleFile(m.id), ...lateScripts(i) } : {}) })),
    pages: course.modules.flatMap((m, i) => m.pages.map((p) => ({ id: p.id, title: t(p.title), module: i }))),
    questions,
    ...(split ? { checkShapes } : {}),
    assessments: course.assessments.map((a) => ({
      id: a.id,
      title: t(a.title),
      passingScore: a.passingScore,
      attempts: a.attempts,
      showCorrectAnswers: a.showCorrectAnswers,
      draw: a.draw,
      shuffle: a.shuffle,
      counts: a.counts,
      questions: a.questions.map((q) => q.id),
    })),
    result: course.result,
    completion: course.completion,
    status: course.status,
    tracking: course.tracking,
    ...(scenarioData.length ? { scenarios: scenarioData } : {}),
    strings: s,
  };


  const page = {
    lang,
    blockScripts: startKinds.map(blockScript),
    title: t(course.title),
    logo: course.theme.logo ? { src: course.theme.logo.src, alt: t(course.theme.logo.alt) } : undefined,
    s,
    modules,
    assessments,
    dataJson: JSON.stringify(data).replace(/</g, '\\u003c'),
  };
  return {
    // An external video's origin joins media-src, in this course's packages only (src/render/media-view.ts).
    html: (csp) => eta.render('index', { ...page, csp: withMediaOrigins(csp, mediaOrigins(course)) }),
    css: readFileSync(join(TEMPLATES_DIR, 'player.css'), 'utf8'),
    themeCss: themeCss(course.theme.colors, course.theme.font),
    data,
    moduleFiles,
    blockKinds,
  };
}

/** The file of a block kind's script in a package. */
export const blockScript = (kind: string): string => `blocks/${kind}.js`;

/** The script of a module of a split course; module ids are safe in paths (ID_PATTERN). */
const moduleFile = (id: string): string => `modules/${id}.js`;

/** The interface string naming each kind of scenario ending. */
const VERDICTS = { good: 'scenarioEndGood', poor: 'scenarioEndPoor', neutral: 'scenarioEndNeutral' } as const;

const HINTS: Record<Question['type'], string> = {
  'single-choice': 'selectOne',
  'multiple-choice': 'selectAll',
  'true-false': 'selectOne',
  'fill-in': 'typeAnswer',
  numeric: 'enterNumber',
  matching: 'matchHint',
  sequencing: 'sequenceHint',
  likert: 'surveyHint',
  'free-text': 'reflectionHint',
};

