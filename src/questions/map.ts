/**
 * The mapping table from a bank question to the nearest course question type (docs/questions.md).
 * What does not fit exactly is a warning naming the question and what changes; what cannot be
 * mapped at all is `question-unsupported`, never a silent drop.
 */
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { BankQuestion, LangMap, ReadContext } from './bank.js';
import { toMarkdown, toPlain } from './html-text.js';
import { choiceId } from './ids.js';
import { splitMultilang } from './multilang.js';
import type { RawAnswer, RawQuestion, RawText } from './raw.js';
import { mapGaps, mapNumerical, mapShortAnswer } from './map-answers.js';

const UNSUPPORTED: Record<string, string> = {
  calculated: 'its numbers are drawn at random for each attempt from formulas; the course has fixed questions',
  calculatedsimple: 'its numbers are drawn at random for each attempt from formulas; the course has fixed questions',
  calculatedmulti: 'its choices are computed from formulas drawn at random for each attempt',
  random: 'it picks a question from a category when the quiz starts; use the assessment pool with `draw` instead',
  randomsamatch: 'it builds a matching question from random short-answer questions when the quiz starts',
  multianswer: 'it embeds several answers of different types in one text (Cloze)',
  cloze: 'it embeds several answers of different types in one text (Cloze)',
  ddimageortext: 'it asks to drag items onto an image',
  ddmarker: 'it asks to drop markers onto an image',
  description: 'it has no answer: it is only text; put the text on a page instead',
};

export interface Mapper {
  ctx: ReadContext;
  out: Diagnostic[];
  q: RawQuestion;
  warn(message: string): void;
  markdown(text: RawText): LangMap;
  plain(text: RawText): LangMap;
}

export function mapQuestion(q: RawQuestion, ctx: ReadContext, out: Diagnostic[]): BankQuestion | null {
  const label = q.name ? `"${q.name}"` : 'this question';
  const m: Mapper = {
    ctx,
    out,
    q,
    warn: (message) => out.push(diag('question-approximated', `${label}: ${message}`, q.at)),
    markdown: (t) => convert(t, ctx, m, (s, f) => toMarkdown(s, f)),
    plain: (t) => convert(t, ctx, m, (s, f) => toPlain(s, f)),
  };
  const invalid = (why: string) => {
    out.push(diag('question-invalid', `${label} (${q.type}): ${why}`, q.at));
    return null;
  };
  if (UNSUPPORTED[q.type]) {
    out.push(diag('question-unsupported', `${label} is a ${q.type} question, which is not imported: ${UNSUPPORTED[q.type]}`, q.at));
    return null;
  }
  const prompt = m.markdown(q.text);
  if (!Object.values(prompt).some((t) => t.trim())) return invalid('its question text is empty');
  const data: Record<string, unknown> = {};
  let body: Record<string, unknown> | string;
  switch (q.type) {
    case 'multichoice':
      body = q.single === false ? multiple(m) : single(m);
      break;
    case 'truefalse':
      body = trueFalse(m);
      break;
    case 'shortanswer':
      body = mapShortAnswer(m);
      break;
    case 'numerical':
      body = mapNumerical(m);
      break;
    case 'matching':
    case 'match':
      body = matching(m);
      break;
    case 'essay':
      body = { type: 'free-text' };
      break;
    case 'ordering':
      body = ordering(m);
      break;
    case 'gapselect':
    case 'ddwtos':
      body = mapGaps(m, prompt);
      break;
    default:
      out.push(diag('question-unsupported', `${label} is a ${q.type} question, which coursepack does not know`, q.at));
      return null;
  }
  if (typeof body === 'string') {
    if (body.startsWith('unsupported:')) {
      out.push(diag('question-unsupported', `${label} is not imported: ${body.slice('unsupported:'.length)}`, q.at));
      return null;
    }
    return invalid(body);
  }
  const { feedbackCorrect, feedbackIncorrect, promptOverride, ...rest } = body as Record<string, unknown> & { feedbackCorrect?: LangMap; feedbackIncorrect?: LangMap; promptOverride?: LangMap };
  Object.assign(data, { type: rest.type, prompt: promptOverride ?? prompt });
  delete rest.type;
  const general = q.generalFeedback ? m.markdown(q.generalFeedback) : undefined;
  const correct = joinMaps(feedbackCorrect ?? (q.correctFeedback ? m.markdown(q.correctFeedback) : undefined), general);
  const incorrect = joinMaps(feedbackIncorrect ?? (q.incorrectFeedback ? m.markdown(q.incorrectFeedback) : undefined), general);
  if (q.partialFeedback && toPlain(q.partialFeedback.text, q.partialFeedback.format)) m.warn('its "partially correct" feedback is left out: the course shows feedback for right and wrong answers only');
  if (q.leftOut?.length) m.warn(`${q.leftOut.join(' and ')} left out`);
  if (correct || incorrect) data.feedback = { ...(correct ? { correct } : {}), ...(incorrect ? { incorrect } : {}) };
  if (q.defaultGrade !== undefined && q.defaultGrade !== 1) {
    if (q.defaultGrade > 0 && q.defaultGrade <= 100) data.weight = q.defaultGrade;
    else m.warn(`its default mark ${q.defaultGrade} is not a weight from above 0 to 100; the weight is 1`);
  }
  Object.assign(data, rest);
  return { name: q.name, ...(q.idnumber ? { idnumber: q.idnumber } : {}), category: q.category, at: q.at, data };
}

function convert(t: RawText, ctx: ReadContext, m: Mapper, fn: (s: string, f: RawText['format']) => string): LangMap {
  const split = splitMultilang(t.text, ctx.languages, ctx.lang);
  if (split.otherLanguages.length) m.warn(`its text in ${split.otherLanguages.join(', ')} is left out: the course has no such language`);
  return Object.fromEntries(Object.entries(split.map).map(([l, s]) => [l, fn(s, t.format)]));
}

const isEmpty = (map: LangMap | undefined): boolean => !map || Object.values(map).every((v) => !v.trim());

/** Feedback texts shown together: the specific one, then the general one (Moodle shows both). */
export function joinMaps(a: LangMap | undefined, b: LangMap | undefined): LangMap | undefined {
  if (isEmpty(a)) return isEmpty(b) ? undefined : b;
  if (isEmpty(b)) return a;
  const langs = [...new Set([...Object.keys(a!), ...Object.keys(b!)])];
  return Object.fromEntries(langs.map((l) => [l, [a![l], b![l]].filter((s) => s?.trim()).join('\n\n')]));
}

const FULL = 0.9999;

function choices(m: Mapper, isCorrect: (a: RawAnswer) => boolean): Array<Record<string, unknown>> {
  return m.q.answers.map((a, i) => {
    const feedback = a.feedback ? m.markdown(a.feedback) : undefined;
    return { id: choiceId(i), text: m.plain(a.text), ...(isCorrect(a) ? { correct: true } : {}), ...(!isEmpty(feedback) ? { feedback } : {}) };
  });
}

function single(m: Mapper): Record<string, unknown> | string {
  const { answers } = m.q;
  if (answers.length < 2) return 'a multiple-choice question needs at least two answers';
  const best = Math.max(...answers.map((a) => a.fraction));
  if (best <= 0) return 'no answer gives marks';
  const full = answers.filter((a) => a.fraction >= FULL);
  const partial = answers.filter((a) => a.fraction > 0 && a.fraction < FULL);
  if (full.length === 0) m.warn(`no answer gives full marks: the best one (${Math.round(best * 100)} %) is taken as the correct answer`);
  if (full.length > 1) return 'unsupported:several answers give full marks in a one-answer question; make it a multiple-answer question';
  const correct = full[0] ?? answers.find((a) => a.fraction === best)!;
  if (partial.length > (full.length ? 0 : 1)) m.warn('answers with partial credit count as wrong: a single-choice question scores the one correct answer');
  return { type: 'single-choice', choices: choices(m, (a) => a === correct) };
}

function multiple(m: Mapper): Record<string, unknown> | string {
  const { answers } = m.q;
  if (answers.length < 2) return 'a multiple-choice question needs at least two answers';
  const right = answers.filter((a) => a.fraction > 0);
  if (!right.length) return 'no answer gives marks';
  const share = 1 / right.length;
  const exact = right.every((a) => Math.abs(a.fraction - share) < 0.01) && answers.every((a) => a.fraction > 0 || a.fraction === 0 || Math.abs(a.fraction + share) < 0.01);
  if (!exact) m.warn(`its fractions are scored as partial credit the course's way: each right pick adds, each wrong pick takes away 1/${right.length}`);
  return { type: 'multiple-choice', scoring: 'partial', choices: choices(m, (a) => a.fraction > 0) };
}

function trueFalse(m: Mapper): Record<string, unknown> | string {
  const byText = (value: string) => m.q.answers.find((a) => toPlain(a.text.text, a.text.format).toLowerCase() === value);
  const yes = byText('true') ?? m.q.answers[0];
  const no = byText('false') ?? m.q.answers[1];
  if (!yes || !no) return 'a true/false question needs the answers true and false';
  const answer = yes.fraction >= FULL;
  const [right, wrong] = answer ? [yes, no] : [no, yes];
  return {
    type: 'true-false',
    answer,
    ...(right.feedback ? { feedbackCorrect: m.markdown(right.feedback) } : {}),
    ...(wrong.feedback ? { feedbackIncorrect: m.markdown(wrong.feedback) } : {}),
  };
}

function matching(m: Mapper): Record<string, unknown> | string {
  const subs = m.q.subquestions ?? [];
  const pairs = subs.filter((s) => toPlain(s.text.text, s.text.format));
  const distractors = subs.filter((s) => !toPlain(s.text.text, s.text.format)).map((s) => s.answer);
  if (pairs.length < 2) return 'a matching question needs at least two questions with their answers';
  const targets = pairs.map((p) => p.answer.trim());
  if (new Set(targets).size !== targets.length) return 'unsupported:two questions share the same answer; in the course each item matches its own target';
  if (pairs.length > 36 || distractors.length > 10) return 'unsupported:the course takes at most 36 pairs and 10 extra answers';
  return {
    type: 'matching',
    pairs: pairs.map((p, i) => ({ source: { id: `s${i + 1}`, text: m.plain(p.text) }, target: { id: `t${i + 1}`, text: m.plain({ text: p.answer, format: 'plain' }) } })),
    ...(distractors.length ? { distractors: distractors.map((d, i) => ({ id: `t${pairs.length + i + 1}`, text: m.plain({ text: d, format: 'plain' }) })) } : {}),
  };
}

/** Moodle's ordering question: the answers in their correct order (their fraction is the position). */
function ordering(m: Mapper): Record<string, unknown> | string {
  const items = m.q.answers.map((a, i) => ({ a, i })).sort((x, y) => x.a.fraction - y.a.fraction || x.i - y.i);
  if (items.length < 2) return 'an ordering question needs at least two items';
  if (items.length > 36) return 'unsupported:the course orders at most 36 items';
  const o = m.q.ordering;
  if (o && !['ALL_OR_NOTHING', '-1'].includes(o.gradingType)) m.warn('it is scored all or nothing: the course gives no partial credit for an order');
  if (o && !['ALL', '0'].includes(o.selectType) && o.selectCount > 0 && o.selectCount < items.length) m.warn(`it shows all ${items.length} items, not ${o.selectCount}`);
  return { type: 'sequencing', items: items.map(({ a }, k) => ({ id: `i${k + 1}`, text: m.plain(a.text) })) };
}
