/**
 * Simulated learners for the report tests: each plays the real player (happy-dom, real xAPI
 * tracker) of the fixture course against the real LRS, with seeded behaviour — how able they are,
 * how long they read, whether they leave early, retry checks, skim. Time is the fake `Date` the
 * test advances, so statements carry realistic reading times without waiting.
 */
import { randomUUID } from 'node:crypto';
import { vi } from 'vitest';
import type { BuiltPackage } from '../../../src/package/build.js';
import type { PlayerData, PlayerQuestion } from '../../../src/player/core/types.js';
import { click, settle } from '../../support/dom-lms.js';
import { answerQuestion, assessmentSection, next, shownQuestions } from '../../support/learner.js';
import { rng } from '../../../src/player/core/random.js';
import type { LmsHost } from './host.js';
import { launchXapi } from './launch.js';

/** The player's own seeded generator (mulberry32), so every run plays the same learners. */
export const seeded = rng;

export interface SimulatedLearner {
  name: string;
  lang: string;
  ability: number;
  skimmer: boolean;
  /** Leaves after this page (0-based), or null to go on to the assessment. */
  leavesAfter: number | null;
  registration: string;
}

const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

export function makeLearners(count: number, seed: number, langs: string[], pages: number, prefix = 'learner'): SimulatedLearner[] {
  const rng = seeded(seed);
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix}-${String(i + 1).padStart(2, '0')}`,
    lang: langs[i % langs.length]!,
    ability: 0.25 + 0.7 * rng(),
    skimmer: rng() < 0.2,
    leavesAfter: rng() < 0.3 ? Math.floor(rng() * pages) : null,
    registration: randomUUID(),
  }));
}

/** The learner's answer to a question, in the player's encoding: right, or one of a few typical mistakes. */
function answerFor(q: PlayerQuestion, right: boolean, rng: () => number): string[] {
  switch (q.type) {
    case 'single-choice': {
      if (right) return [q.choices!.find((c) => c.correct)!.id];
      // the last distractor is never chosen: the report should flag it
      const wrong = q.choices!.filter((c) => !c.correct).slice(0, -1);
      return [pick(rng, wrong).id];
    }
    case 'multiple-choice':
      return right ? q.choices!.filter((c) => c.correct).map((c) => c.id) : [q.choices!.find((c) => c.correct)!.id, q.choices!.find((c) => !c.correct)!.id];
    case 'true-false':
      return [String(right ? q.answer : !q.answer)];
    case 'fill-in':
      return [right ? pick(rng, ['France Travail', 'france travail']) : pick(rng, ['Pôle emploi', 'Pôle emploi', 'ANPE'])];
    case 'numeric':
      return [right ? '12' : pick(rng, ['10', '16', '10'])];
    case 'likert':
      return [pick(rng, q.scale!).id];
    default:
      throw new Error(`no simulated answer for ${q.type}`);
  }
}

/** `a-degree` is the trick question: the abler the learner, the likelier they get it wrong. */
const rightChance = (learner: SimulatedLearner, q: PlayerQuestion, attempt = 1) => (q.id === 'a-degree' ? 1 - learner.ability : Math.min(0.98, learner.ability + 0.1 * (attempt - 1)));

const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

async function answerChecks(doc: Document, data: PlayerData, learner: SimulatedLearner, rng: () => number): Promise<void> {
  const page = doc.querySelector('.cp-page:not([hidden])');
  for (const form of Array.from(page?.querySelectorAll<HTMLFormElement>('.cp-check-form') ?? [])) {
    const q = data.questions[form.dataset.questionId!]!;
    const fieldset = form.querySelector('.cp-question')!;
    const right = rng() < rightChance(learner, q);
    answerQuestion(fieldset, q, answerFor(q, right, rng));
    click(form.querySelector('button[type="submit"]'));
    await settle();
    if (!right && q.type !== 'likert' && rng() < 0.5) {
      advance(10);
      answerQuestion(fieldset, q, answerFor(q, true, rng));
      click(form.querySelector('button[type="submit"]'));
      await settle();
    }
  }
}

/** Takes one attempt; true when the learner's answers reach the pass mark (every question weighs 1 here). */
async function takeAttempt(doc: Document, data: PlayerData, learner: SimulatedLearner, attempt: number, rng: () => number): Promise<boolean> {
  const id = data.assessments[0]!.id;
  const section = assessmentSection(doc, id);
  click(section.querySelector('.cp-start'));
  await settle();
  const shown = shownQuestions(doc, id);
  let right = 0;
  for (const qid of shown) {
    const q = data.questions[qid]!;
    const isRight = rng() < rightChance(learner, q, attempt);
    if (isRight) right++;
    answerQuestion(section.querySelector(`.cp-question[data-question-id="${qid}"]`)!, q, answerFor(q, isRight, rng));
  }
  advance(60 + 60 * rng());
  await settle();
  click(section.querySelector('.cp-submit'));
  await settle();
  return (100 * right) / shown.length >= data.assessments[0]!.passingScore;
}

/** Plays one learner from launch to leaving; returns when the tracker has delivered everything. */
export async function play(pkg: BuiltPackage, host: LmsHost, learner: SimulatedLearner, activityId: string, auth: string, seed: number): Promise<void> {
  const rng = seeded(seed);
  const actor = { objectType: 'Agent', name: `Learner ${learner.name}`, account: { homePage: 'https://lms.example.org', name: learner.name } };
  const run = await launchXapi(pkg, host, { registration: learner.registration, activityId, auth, actor });
  const { doc, data } = run;
  const allowed = data.assessments[0]!.attempts;
  let finished = true;
  for (let i = 0; i < data.pages.length; i++) {
    advance(learner.skimmer ? 1 + 3 * rng() : 8 + 50 * rng());
    await answerChecks(doc, data, learner, rng);
    if (learner.leavesAfter === i) {
      finished = false;
      break;
    }
    await next(doc);
  }
  if (finished) {
    for (let attempt = 1; attempt <= allowed; attempt++) {
      if (await takeAttempt(doc, data, learner, attempt, rng)) break;
    }
  }
  advance(5);
  run.close();
  await run.tracker.idle();
}
