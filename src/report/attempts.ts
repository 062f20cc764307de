/** Assessment attempts rebuilt from answers, scored the same way for every source. */
import type { Question } from '../course/model.js';
import { scoreResponse } from '../player/core/questions.js';
import type { PlayerQuestion } from '../player/core/types.js';
import { questionForPlayer } from '../render/player-question.js';
import type { CourseIndex } from './course-index.js';
import type { LearnerEvent } from './events.js';

export type AnswerEvent = Extract<LearnerEvent, { kind: 'answer' }>;

export interface Attempt {
  learner: string;
  session: string;
  assessmentId: string;
  attempt: number;
  answers: AnswerEvent[];
  /** 0–100: the weight earned over the weight of scored answers (right or wrong), partial credit included as the player gives it. */
  score: number;
  passed: boolean;
  time: number;
}

export function attemptsOf(events: LearnerEvent[], index: CourseIndex): Attempt[] {
  const byKey = new Map<string, Attempt>();
  for (const e of events) {
    if (e.kind !== 'answer' || !e.assessmentId) continue;
    const attempt = e.attempt ?? 1;
    const key = JSON.stringify([e.learner, e.session, e.assessmentId, attempt]);
    let a = byKey.get(key);
    if (!a) byKey.set(key, (a = { learner: e.learner, session: e.session, assessmentId: e.assessmentId, attempt, answers: [], score: 0, passed: false, time: e.time ?? 0 }));
    a.answers.push(e);
  }
  const out = [...byKey.values()];
  for (const a of out) {
    const assessment = index.assessments.find((x) => x.id === a.assessmentId);
    let total = 0;
    let right = 0;
    for (const answer of a.answers) {
      if (answer.result === 'neutral') continue;
      const weight = index.questions.get(answer.questionId)?.question.weight ?? 1;
      total += weight;
      right += weight * credit(index.questions.get(answer.questionId)?.question, answer);
    }
    a.score = total ? (100 * right) / total : 0;
    a.passed = a.score >= (assessment?.passingScore ?? 100);
  }
  return out.sort((x, y) => x.time - y.time || x.attempt - y.attempt);
}

/**
 * The share of its weight an answer earns: 1 when correct; for a multiple-choice question with
 * `scoring: partial`, the player's own partial credit (questions.ts), recomputed from the response,
 * since no source carries it (a SCORM 1.2 or xAPI result is only right or wrong); else 0.
 */
function credit(question: Question | undefined, answer: AnswerEvent): number {
  if (answer.result === 'correct') return 1;
  if (question?.type !== 'multiple-choice' || question.scoring !== 'partial') return 0;
  return scoreResponse(scorable(question), answer.response).score;
}

const scorables = new WeakMap<Question, PlayerQuestion>();
/** The question as the player scores it (choices and their correctness are the same in every language). */
function scorable(question: Question): PlayerQuestion {
  let q = scorables.get(question);
  if (!q) scorables.set(question, (q = questionForPlayer(question, Object.keys(question.prompt)[0] ?? 'en')));
  return q;
}

/** The assessment whose result decides the course (`result.from`), else the first. */
export function decidingAssessment(index: CourseIndex): string | undefined {
  const from = index.course.result.from;
  return index.assessments.find((a) => a.id === from)?.id ?? index.assessments[0]?.id;
}
