/** Renders one language of a course into the files every package shares: index.html and player.css. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';
import type { Block, Course, LangMap, Question } from '../course/model.js';
import type { PlayerData, PlayerQuestion } from '../player/core/types.js';
import { questionForPlayer, tr } from './player-question.js';
import { TEMPLATES_DIR } from '../paths.js';
import { themeCss } from '../course/theme.js';
import { format, uiStrings, SOURCE_UI_LANGUAGE } from './i18n.js';
import { createMarkdown } from './markdown.js';
import { typographyFor } from './typography.js';

const eta = new Eta({ views: TEMPLATES_DIR, autoEscape: true, autoTrim: [false, 'nl'], cache: true, useWith: false });

export interface SiteOptions {
  /** Content-Security-Policy of the page; the target decides (e.g. which LRS it may reach). */
  csp: string;
}

export interface RenderedSite {
  html: string;
  css: string;
  /** The course theme as CSS variables (theme.css). */
  themeCss: string;
  data: PlayerData;
}

export function renderSite(course: Course, lang: string, options: SiteOptions): RenderedSite {
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
    }
  };

  const modules = course.modules.map((m) => ({
    id: m.id,
    title: t(m.title),
    pages: m.pages.map((p) => ({ id: p.id, title: t(p.title), html: eta.render('blocks', { blocks: p.blocks.map(blockView), s }) })),
  }));

  const assessments = course.assessments.map((a) => ({
    id: a.id,
    title: t(a.title),
    intro: a.intro ? md.block(t(a.intro)) : '',
    rules: format(s.assessmentRules!, { passingScore: a.passingScore, attempts: a.attempts, questions: a.draw }),
    questions: a.questions.map(questionView),
  }));

  const data: PlayerData = {
    v: 1,
    id: course.id,
    version: course.version,
    lang,
    title: t(course.title),
    modules: course.modules.map((m) => ({ id: m.id, title: t(m.title) })),
    pages: course.modules.flatMap((m, i) => m.pages.map((p) => ({ id: p.id, title: t(p.title), module: i }))),
    questions,
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
    strings: s,
  };

  const html = eta.render('index', {
    lang,
    title: t(course.title),
    csp: options.csp,
    logo: course.theme.logo ? { src: course.theme.logo.src, alt: t(course.theme.logo.alt) } : undefined,
    s,
    modules,
    assessments,
    dataJson: JSON.stringify(data).replace(/</g, '\\u003c'),
  });
  return { html, css: readFileSync(join(TEMPLATES_DIR, 'player.css'), 'utf8'), themeCss: themeCss(course.theme.colors, course.theme.font), data };
}

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

