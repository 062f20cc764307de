/** Per question: facility, discrimination, option counts, typed answers. Each learner's first answer counts. */
import { responseParts } from '../player/core/questions.js';
import type { Attempt, AnswerEvent } from './attempts.js';
import { optionsOf, type CourseIndex } from './course-index.js';
import type { Count, QuestionFigures } from './figures.js';
import { pointBiserial, round } from './stats.js';

const TOP = 5;

function top(answers: AnswerEvent[]): Array<{ answer: string; count: number }> {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.response.trim(), (counts.get(a.response.trim()) ?? 0) + 1);
  return [...counts].map(([answer, count]) => ({ answer, count })).sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer)).slice(0, TOP);
}

/**
 * The attempt's score without the question itself (the "corrected" item-total score): with a few
 * questions per attempt, the question's own points would otherwise pull the correlation up.
 */
export function restScore(attempt: Attempt, questionId: string, index: CourseIndex): number | undefined {
  let total = 0;
  let right = 0;
  for (const a of attempt.answers) {
    if (a.questionId === questionId || a.result === 'neutral') continue;
    const weight = index.questions.get(a.questionId)?.question.weight ?? 1;
    total += weight;
    if (a.result === 'correct') right += weight;
  }
  return total ? (100 * right) / total : undefined;
}

/** The first answer of each learner to each question, in time order. */
export function firstAnswers(answers: AnswerEvent[]): Map<string, AnswerEvent[]> {
  const seen = new Set<string>();
  const out = new Map<string, AnswerEvent[]>();
  for (const a of answers) {
    const key = `${a.questionId}\u0000${a.learner}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let list = out.get(a.questionId);
    if (!list) out.set(a.questionId, (list = []));
    list.push(a);
  }
  return out;
}

export function questionFigures(answers: AnswerEvent[], attempts: Attempt[], index: CourseIndex, deciding: string | undefined, guard: (n: number) => Count): QuestionFigures[] {
  const first = firstAnswers(answers);
  const attemptOf = new Map(attempts.map((a) => [JSON.stringify([a.learner, a.session, a.assessmentId, a.attempt]), a]));
  const firstAttempt = new Map<string, Attempt>();
  for (const a of attempts) if (a.assessmentId === deciding && !firstAttempt.has(a.learner)) firstAttempt.set(a.learner, a);

  return [...index.questions.values()].map(({ question: q, assessmentId, pageId, title }): QuestionFigures => {
    const list = first.get(q.id) ?? [];
    const learners = guard(list.length);
    const hidden = learners === null || list.length === 0;
    const scored = q.type !== 'likert' && q.type !== 'free-text';
    const base = { id: q.id, title, type: q.type, where: assessmentId ? `assessment:${assessmentId}` : `page:${pageId}`, learners };
    if (hidden) return { ...base, facility: null, discrimination: null, hidden: true };
    const facility = scored ? round(list.filter((a) => a.result === 'correct').length / list.length) : null;
    const pairs: Array<[number, number]> = [];
    if (scored) {
      for (const a of list) {
        const attempt = a.assessmentId ? attemptOf.get(JSON.stringify([a.learner, a.session, a.assessmentId, a.attempt ?? 1])) : firstAttempt.get(a.learner);
        const rest = attempt ? restScore(attempt, q.id, index) : undefined;
        if (rest !== undefined) pairs.push([a.result === 'correct' ? 1 : 0, rest]);
      }
    }
    const r = guard(pairs.length) !== null ? pointBiserial(pairs) : null;
    const out: QuestionFigures = { ...base, facility, discrimination: r === null ? null : round(r), hidden: false };
    const options = optionsOf(q);
    if (options.length) {
      out.options = options.map((o) => ({
        id: o.id,
        text: index.text(o.text),
        correct: o.correct,
        count: list.filter((a) => responseParts(a.response).includes(o.id)).length,
      }));
    }
    if (q.type === 'fill-in' || q.type === 'numeric') {
      out.accepted = top(list.filter((a) => a.result === 'correct'));
      out.rejected = top(list.filter((a) => a.result === 'incorrect'));
    }
    return out;
  });
}
