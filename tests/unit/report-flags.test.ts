/**
 * The flags a designer acts on, each planted in a small made-up cohort (events as every source
 * produces them) over the report fixture course: drop-off, skimmed, too easy, too hard, a distractor
 * nobody picks, negative discrimination — and none of them when the cohort behaves.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { analyse } from '../../src/report/analyse.js';
import { indexCourse } from '../../src/report/course-index.js';
import type { LearnerEvent } from '../../src/report/events.js';

const index = indexCourse(loadCourse(resolve(import.meta.dirname, '../fixtures/report/course')).course!, 'en');
const PAGES = ['welcome', 'jobs', 'training', 'conversation', 'reflection'];

interface Plan {
  stopAfter?: number;
  seconds?: number;
  language?: string;
  /** Assessment answers: question id → response (player encoding). */
  attempt?: Record<string, string>;
}

const KEY: Record<string, string> = { 'a-role': 'tester', 'a-jobs': 'tester,analyst', 'a-degree': 'false', 'a-service': 'France Travail' };

function cohort(plans: Plan[]): LearnerEvent[] {
  const events: LearnerEvent[] = [];
  plans.forEach((plan, n) => {
    const base = { learner: `l${n}`, session: `s${n}`, lang: 'en' };
    let time = Date.UTC(2026, 8, 1) + n * 3_600_000;
    const last = plan.stopAfter ?? PAGES.length - 1;
    for (const pageId of PAGES.slice(0, last + 1)) {
      events.push({ ...base, time, kind: 'page', pageId });
      time += (plan.seconds ?? 30) * 1000;
      if (pageId === 'jobs') events.push({ ...base, time, kind: 'answer', questionId: 'k-language', response: plan.language ?? 'python', result: (plan.language ?? 'python') === 'python' ? 'correct' : 'incorrect' });
    }
    if (plan.stopAfter !== undefined) return events.push({ ...base, time, kind: 'other' });
    for (const [questionId, response] of Object.entries(plan.attempt ?? KEY)) {
      events.push({ ...base, time, kind: 'answer', questionId, response, result: response === KEY[questionId] ? 'correct' : 'incorrect', assessmentId: 'final', attempt: 1 });
    }
    events.push({ ...base, time, kind: 'completed' });
  });
  return events;
}

const flagsOf = (events: LearnerEvent[]) => analyse({ events, identities: new Map(), lacks: [], notes: [] }, index, { kind: 'statements' }).flags.map((f) => `${f.kind} ${f.target}`);

describe('report flags', () => {
  it('a page where many stop, and a page learners skim', () => {
    const plans: Plan[] = [...Array(10).fill({}), ...Array(6).fill({ stopAfter: 1 }), ...Array(6).fill({ seconds: 2 })];
    const flags = flagsOf(cohort(plans));
    expect(flags).toContain('drop-off page:jobs');
    expect(flags.filter((f) => f.startsWith('drop-off'))).toEqual(['drop-off page:jobs']);
    expect(flags.filter((f) => f.startsWith('skimmed'))).toEqual([]);
    const skim = flagsOf(cohort([...Array(5).fill({}), ...Array(6).fill({ seconds: 2 })]));
    expect(skim).toEqual(expect.arrayContaining(['skimmed page:welcome', 'skimmed page:conversation']));
    // the page before the assessment has no time: its end is not recorded
    expect(skim).not.toContain('skimmed page:reflection');
  });

  it('too easy, too hard, unused distractors, negative discrimination', () => {
    // Strong learners (all else right) say "true" to a-degree; weak ones say "false" and miss the rest.
    const strong: Plan = { attempt: { ...KEY, 'a-degree': 'true' } };
    const weak: Plan = { language: 'html', attempt: { 'a-role': 'designer', 'a-jobs': 'tester', 'a-degree': 'false', 'a-service': 'ANPE' } };
    const flags = flagsOf(cohort([...Array(6).fill(strong), ...Array(2).fill(weak)]));
    expect(flags).toContain('negative-discrimination question:a-degree');
    expect(flags).toContain('unused-distractor question:a-role'); // nobody picks the florist
    expect(flags).toContain('unused-distractor question:k-language'); // css and excel
    expect(flags).not.toContain('too-easy question:a-role'); // 6 of 8 = 75 %
    const easy = flagsOf(cohort(Array(10).fill({})));
    expect(easy).toEqual(expect.arrayContaining(['too-easy question:a-role', 'too-easy question:k-language']));
    const hard = flagsOf(cohort(Array(10).fill(weak)));
    expect(hard).toEqual(expect.arrayContaining(['too-hard question:a-role', 'too-hard question:k-language']));
  });

  it('nothing stands out in a cohort with spread answers and steady reading', () => {
    const plans: Plan[] = [
      ...Array(4).fill({}),
      ...Array(2).fill({ language: 'html', attempt: { ...KEY, 'a-role': 'designer', 'a-jobs': 'tester', 'a-service': 'ANPE', 'a-degree': 'true' } }),
      ...Array(2).fill({ language: 'css', attempt: { ...KEY, 'a-role': 'florist', 'a-jobs': 'tester,baker', 'a-degree': 'true' } }),
      ...Array(2).fill({ language: 'excel', attempt: { ...KEY, 'a-jobs': 'baker', 'a-service': 'ANPE' } }),
    ];
    expect(flagsOf(cohort(plans))).toEqual([]);
  });
});
