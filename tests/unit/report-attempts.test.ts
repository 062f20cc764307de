/**
 * The report scores assessment attempts the way the player does, partial credit included: for any
 * answers to the report fixture's assessment (its multiple-choice question switched to
 * `scoring: partial` in a second copy of the course), the report's attempt score equals the
 * player's `attemptScore` for the same answers.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { attemptScore, scoreResponse } from '../../src/player/core/questions.js';
import { questionForPlayer } from '../../src/render/player-question.js';
import { attemptsOf } from '../../src/report/attempts.js';
import { indexCourse } from '../../src/report/course-index.js';
import type { LearnerEvent } from '../../src/report/events.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/report/course');

function fixture(scoring: 'all-or-nothing' | 'partial') {
  const course = loadCourse(FIXTURE).course!;
  for (const q of course.assessments[0]!.questions) if (q.type === 'multiple-choice') q.scoring = scoring;
  return { course, index: indexCourse(course, 'en') };
}

const answers = fc.record({
  'a-role': fc.constantFrom('tester', 'baker', 'analyst'),
  'a-jobs': fc.subarray(['tester', 'baker', 'analyst']).map((ids) => ids.join(',')),
  'a-degree': fc.constantFrom('true', 'false'),
  'a-service': fc.constantFrom('France Travail', 'Pôle', 'france  travail'),
});

describe.each(['all-or-nothing', 'partial'] as const)('report attempt scores, %s multiple choice', (scoring) => {
  const { course, index } = fixture(scoring);
  const questions = course.assessments[0]!.questions.map((q) => questionForPlayer(q, 'en'));

  it('equal the player’s score for the same answers', () => {
    fc.assert(
      fc.property(answers, (given) => {
        const picked = Object.fromEntries(Object.entries(given).filter(([id]) => questions.some((q) => q.id === id)));
        const events: LearnerEvent[] = questions
          .filter((q) => picked[q.id] !== undefined)
          .map((q) => ({ learner: 'l', session: 's', kind: 'answer', questionId: q.id, response: picked[q.id]!, result: scoreResponse(q, picked[q.id]!).result, assessmentId: course.assessments[0]!.id, attempt: 1 }));
        const [attempt] = attemptsOf(events, index);
        expect(attempt!.score).toBeCloseTo(attemptScore(questions, picked), 1);
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});

it('gives half of a partial-credit question for one of its two correct choices', () => {
  const { course, index } = fixture('partial');
  const jobs = course.assessments[0]!.questions.find((q) => q.id === 'a-jobs')!;
  const [attempt] = attemptsOf([{ learner: 'l', session: 's', kind: 'answer', questionId: jobs.id, response: 'tester', result: 'incorrect', assessmentId: course.assessments[0]!.id, attempt: 1 }], index);
  expect(attempt!.score).toBe(50);
});
