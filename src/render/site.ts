/** Renders one language of a course into the files every package shares: index.html and player.css. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';
import type { Block, Course, LangMap, Question } from '../course/model.js';
import type { PlayerData, PlayerQuestion } from '../player/core/types.js';
import { TEMPLATES_DIR } from '../paths.js';
import { format, uiStrings, SOURCE_UI_LANGUAGE } from './i18n.js';
import { createMarkdown, type MarkdownRenderer } from './markdown.js';

const eta = new Eta({ views: TEMPLATES_DIR, autoEscape: true, autoTrim: [false, 'nl'], cache: true, useWith: false });

export interface SiteOptions {
  /** Content-Security-Policy of the page; the target decides (e.g. which LRS it may reach). */
  csp: string;
}

export interface RenderedSite {
  html: string;
  css: string;
  data: PlayerData;
}

/** Text of `map` in `lang`. The rules guarantee presence; the fallback protects hand-built models. */
const tr = (map: LangMap, lang: string): string => map[lang] ?? Object.values(map)[0] ?? '';

export function renderSite(course: Course, lang: string, options: SiteOptions): RenderedSite {
  const md = createMarkdown({ allowHtml: course.allowHtml });
  const s = { ...uiStrings(SOURCE_UI_LANGUAGE), ...uiStrings(lang) } as Record<string, string>;
  const t = (map: LangMap | undefined) => (map ? tr(map, lang) : '');
  const questions: Record<string, PlayerQuestion> = {};

  const questionView = (q: Question) => {
    questions[q.id] = playerQuestion(q, lang, md);
    const options =
      q.type === 'true-false'
        ? [{ id: 'true', html: s.true! }, { id: 'false', html: s.false! }]
        : q.choices.map((c) => ({ id: c.id, html: md.inline(t(c.text)) }));
    return {
      id: q.id,
      prompt: md.inline(t(q.prompt)),
      hint: q.type === 'multiple-choice' ? s.selectAll : s.selectOne,
      inputType: q.type === 'multiple-choice' ? 'checkbox' : 'radio',
      options,
    };
  };

  const blockView = (b: Block) => {
    switch (b.type) {
      case 'text':
        return { type: b.type, html: md.block(t(b.body)) };
      case 'image':
        return { type: b.type, src: b.src, alt: t(b.alt), caption: t(b.caption), credit: t(b.credit) };
      case 'callout':
        return { type: b.type, style: b.style, title: t(b.title), html: md.block(t(b.body)) };
      case 'testimony':
        return { type: b.type, name: t(b.name), role: t(b.role), html: md.block(t(b.quote)) };
      case 'check':
        return { type: b.type, id: b.id, title: t(b.title) || s.knowledgeCheck, questions: b.questions.map(questionView) };
    }
  };

  const modules = course.modules.map((m) => ({
    id: m.id,
    title: t(m.title),
    pages: m.pages.map((p) => ({ id: p.id, title: t(p.title), html: eta.render('blocks', { blocks: p.blocks.map(blockView), s }) })),
  }));

  const a = course.assessment;
  const assessment = a
    ? {
        id: a.id,
        title: t(a.title),
        intro: a.intro ? md.block(t(a.intro)) : '',
        rules: format(s.assessmentRules!, { passingScore: a.passingScore, attempts: a.attempts }),
        questions: a.questions.map(questionView),
      }
    : undefined;

  const data: PlayerData = {
    v: 1,
    id: course.id,
    version: course.version,
    lang,
    title: t(course.title),
    modules: course.modules.map((m) => ({ id: m.id, title: t(m.title) })),
    pages: course.modules.flatMap((m, i) => m.pages.map((p) => ({ id: p.id, title: t(p.title), module: i }))),
    questions,
    ...(a
      ? { assessment: { id: a.id, title: t(a.title), passingScore: a.passingScore, attempts: a.attempts, showCorrectAnswers: a.showCorrectAnswers, questions: a.questions.map((q) => q.id) } }
      : {}),
    completion: course.completion,
    status: course.status,
    strings: s,
  };

  const html = eta.render('index', {
    lang,
    title: t(course.title),
    csp: options.csp,
    s,
    modules,
    assessment,
    dataJson: JSON.stringify(data).replace(/</g, '\\u003c'),
  });
  return { html, css: readFileSync(join(TEMPLATES_DIR, 'player.css'), 'utf8'), data };
}

function plain(markdown: string): string {
  return markdown.replace(/[*_`#>[\]]/g, '').replace(/\(([^)]*)\)/g, '').replace(/\s+/g, ' ').trim();
}

function playerQuestion(q: Question, lang: string, md: MarkdownRenderer): PlayerQuestion {
  const fb = (map: LangMap | undefined) => (map ? md.block(tr(map, lang)) : undefined);
  const feedback: PlayerQuestion['feedback'] = {};
  const correct = fb(q.feedback.correct);
  const incorrect = fb(q.feedback.incorrect);
  if (correct) feedback.correct = correct;
  if (incorrect) feedback.incorrect = incorrect;
  const base = { id: q.id, type: q.type, weight: q.weight, prompt: plain(tr(q.prompt, lang)), feedback };
  if (q.type === 'true-false') return { ...base, answer: q.answer };
  return {
    ...base,
    choices: q.choices.map((c) => {
      const f = fb(c.feedback);
      return f ? { id: c.id, correct: c.correct, feedback: f } : { id: c.id, correct: c.correct };
    }),
  };
}
