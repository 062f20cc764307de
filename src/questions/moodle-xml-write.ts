/**
 * Moodle XML as Moodle's importer reads it (question/format/xml/format.php): a `<quiz>` of
 * category switches and questions, texts in `<text>` with a `format`, images as base64 `<file>`
 * referenced through @@PLUGINFILE@@. Built as an XML tree and serialised by xml-js.
 */
import { posix } from 'node:path';
import type { Question } from '../course/model.js';
import { el, serializeXml, type XmlElement } from '../targets/xml.js';
import { acceptedAnswers, feedbackParts, nonEmpty, shareOf, valueAndTolerance, type ExportCategory, type ExportContext } from './export.js';
import { escapeHtml } from './html-text.js';

const IMAGE = /\]\((assets\/[^)\s]+)\)/g;

/** A rich text: Markdown (Moodle renders it), with the course images it shows embedded. */
function rich(name: string, text: string, ctx: ExportContext, attrs: Record<string, string> = {}): XmlElement {
  const files: XmlElement[] = [];
  let body = text;
  for (const path of new Set([...text.matchAll(IMAGE)].map((m) => m[1]!))) {
    const bytes = ctx.readAsset(path);
    if (!bytes) continue;
    const fileName = posix.basename(path);
    files.push(el('file', { name: fileName, path: '/', encoding: 'base64' }, [Buffer.from(bytes).toString('base64')]));
    body = body.split(`](${path})`).join(`](@@PLUGINFILE@@/${encodeURIComponent(fileName)})`);
  }
  return el(name, { ...attrs, format: 'markdown' }, [el('text', {}, [body]), ...files]);
}

/** A plain text (choice, item) as HTML, so multilang spans work and nothing is read as markup. */
const plainAsHtml = (map: Question['prompt'] | undefined, ctx: ExportContext): string =>
  ctx.text(map ? Object.fromEntries(Object.entries(map).map(([l, t]) => [l, escapeHtml(t.trim())])) : undefined);

const textEl = (name: string, text: string, attrs: Record<string, string> = {}) => el(name, attrs, [el('text', {}, [text])]);

function header(q: Question, type: string, ctx: ExportContext, general: string): XmlElement[] {
  return [
    textEl('name', q.id),
    rich('questiontext', ctx.text(q.prompt), ctx),
    rich('generalfeedback', general, ctx),
    el('defaultgrade', {}, [String(q.weight)]),
    el('penalty', {}, [type === 'truefalse' ? '1' : '0.3333333']),
    el('hidden', {}, ['0']),
    el('idnumber', {}, [q.id]),
  ];
}

const combined = (correct: string, incorrect: string, ctx: ExportContext): XmlElement[] => [
  rich('correctfeedback', correct, ctx),
  rich('partiallycorrectfeedback', '', ctx),
  rich('incorrectfeedback', incorrect, ctx),
];

function answer(fraction: string, text: string, feedback: string, ctx: ExportContext, format = 'moodle_auto_format', extra: XmlElement[] = []): XmlElement {
  return el('answer', { fraction, format }, [el('text', {}, [text]), ...extra, rich('feedback', feedback, ctx)]);
}

function question(q: Question, ctx: ExportContext): XmlElement | null {
  const { general, correct, incorrect } = feedbackParts(q, ctx);
  const make = (type: string, body: XmlElement[]) => el('question', { type }, [...header(q, type, ctx, general), ...body]);
  switch (q.type) {
    case 'single-choice':
    case 'multiple-choice': {
      const single = q.type === 'single-choice';
      const k = q.choices.filter((c) => c.correct).length;
      if (!single && q.scoring === 'all-or-nothing') ctx.warn(q, 'Moodle gives partial credit per choice; all-or-nothing scoring becomes partial credit', 'question-approximated');
      if (!single && k > 10) ctx.warn(q, `Moodle's grade list has no 1/${k}; its import may round the fractions`, 'question-approximated');
      const wrong = single ? '0' : `-${shareOf(k)}`;
      return make('multichoice', [
        el('single', {}, [String(single)]),
        el('shuffleanswers', {}, ['true']),
        el('answernumbering', {}, ['abc']),
        el('showstandardinstruction', {}, ['0']),
        ...combined(correct, incorrect, ctx),
        ...q.choices.map((c) => answer(c.correct ? (single ? '100' : shareOf(k)) : wrong, plainAsHtml(c.text, ctx), ctx.text(c.feedback), ctx, 'html')),
      ]);
    }
    case 'true-false': {
      const [forTrue, forFalse] = q.answer ? [correct, incorrect] : [incorrect, correct];
      return make('truefalse', [answer(q.answer ? '100' : '0', 'true', forTrue, ctx), answer(q.answer ? '0' : '100', 'false', forFalse, ctx)]);
    }
    case 'fill-in':
      return make('shortanswer', [
        el('usecase', {}, [q.caseSensitive ? '1' : '0']),
        ...acceptedAnswers(q, ctx).map((a) => answer('100', a, correct, ctx)),
        ...(nonEmpty(incorrect) ? [answer('0', '*', incorrect, ctx)] : []),
      ]);
    case 'numeric': {
      const { value, tolerance } = valueAndTolerance(q.range);
      return make('numerical', [
        answer('100', String(value), correct, ctx, 'moodle_auto_format', [el('tolerance', {}, [String(tolerance)])]),
        ...(nonEmpty(incorrect) ? [answer('0', '*', incorrect, ctx, 'moodle_auto_format', [el('tolerance', {}, ['0'])])] : []),
        el('unitgradingtype', {}, ['0']),
        el('unitpenalty', {}, ['0.1000000']),
        el('showunits', {}, ['3']),
        el('unitsleft', {}, ['0']),
      ]);
    }
    case 'matching':
      return make('matching', [
        el('shuffleanswers', {}, ['true']),
        ...combined(correct, incorrect, ctx),
        ...q.pairs.map((p) => el('subquestion', { format: 'html' }, [el('text', {}, [plainAsHtml(p.source.text, ctx)]), textEl('answer', ctx.text(p.target.text))])),
        ...q.distractors.map((d) => el('subquestion', { format: 'html' }, [el('text', {}, ['']), textEl('answer', ctx.text(d.text))])),
      ]);
    case 'free-text':
      return make('essay', [
        el('responseformat', {}, ['plain']),
        el('responserequired', {}, ['1']),
        el('responsefieldlines', {}, ['10']),
        el('attachments', {}, ['0']),
        el('attachmentsrequired', {}, ['0']),
        textEl('graderinfo', '', { format: 'html' }),
        textEl('responsetemplate', '', { format: 'html' }),
      ]);
    case 'sequencing':
      // Moodle's ordering question type (question/type/ordering): each answer's fraction is its position.
      return make('ordering', [
        el('layouttype', {}, ['VERTICAL']),
        el('selecttype', {}, ['ALL']),
        el('selectcount', {}, [String(q.items.length)]),
        el('gradingtype', {}, ['ALL_OR_NOTHING']),
        el('showgrading', {}, ['SHOW']),
        ...combined(correct, incorrect, ctx),
        ...q.items.map((item, i) => el('answer', { fraction: String(i + 1), format: 'html' }, [el('text', {}, [plainAsHtml(item.text, ctx)])])),
      ]);
    case 'likert':
      ctx.warn(q, "a survey scale has no question type in Moodle's question bank");
      return null;
  }
}

export function writeMoodleXml(categories: ExportCategory[], ctx: ExportContext): { text: string; count: number } {
  const children: XmlElement[] = [];
  let count = 0;
  for (const c of categories) {
    children.push(el('question', { type: 'category' }, [textEl('category', c.path), textEl('info', c.info, { format: 'moodle_auto_format' })]));
    for (const q of c.questions) {
      const x = question(q, ctx);
      if (x) {
        children.push(x);
        count++;
      }
    }
  }
  const quiz = el('quiz', {}, children);
  // el() (src/targets/xml.ts) escapes every & of a text once, so HTML such as `A &amp;amp; B` keeps its level.
  return { text: serializeXml(quiz), count };
}
