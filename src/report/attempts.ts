/** Assessment attempts rebuilt from answers, scored the same way for every source. */
import type { CourseIndex } from './course-index.js';
import type { LearnerEvent } from './events.js';

export type AnswerEvent = Extract<LearnerEvent, { kind: 'answer' }>;

export interface Attempt {
  learner: string;
  session: string;
  assessmentId: string;
  attempt: number;
  answers: AnswerEvent[];
  /** 0–100: the weight of correct answers over the weight of scored answers (right or wrong; no partial credit). */
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
      if (answer.result === 'correct') right += weight;
    }
    a.score = total ? (100 * right) / total : 0;
    a.passed = a.score >= (assessment?.passingScore ?? 100);
  }
  return out.sort((x, y) => x.time - y.time || x.attempt - y.attempt);
}

/** The assessment whose result decides the course (`result.from`), else the first. */
export function decidingAssessment(index: CourseIndex): string | undefined {
  const from = index.course.result.from;
  return index.assessments.find((a) => a.id === from)?.id ?? index.assessments[0]?.id;
}
