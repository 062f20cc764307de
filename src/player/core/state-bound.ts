/**
 * The longest learner state a course can produce: the size of every field encodeState writes
 * (state.ts) with its largest value, for the worst learner (every page viewed, every question
 * answered with its longest answer, every attempt used and scored, the last one drawing the
 * questions whose answers take the most room, every scenario started with its path at the cap of
 * scenario-path.ts). The build checks it against each target's limit.
 */
import { answerBits, answerMaxText } from './answer-codec.js';
import { charsFor, countBits, sizedBits } from './bits.js';
import { scenariosBits } from './scenario-state.js';
import type { LayoutAssessment, LayoutQuestion, StateLayout } from './state-layout.js';

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** Room an answer takes counted in bits, its text at 6 bits a character (one character holds 6 bits). */
const room = (q: LayoutQuestion) => answerBits(q.shape) + 6 * answerMaxText(q.shape);
const blockHeader = (pool: LayoutQuestion[]) => sizedBits(sum(pool.map((q) => answerBits(q.shape)))) + sizedBits(sum(pool.map((q) => answerMaxText(q.shape))));

/** SEED + scored flag + score, per attempt. */
const ATTEMPT_BITS = 32 + 1 + 14;

function assessmentRoom(a: LayoutAssessment): number {
  const fixed = 24 + 24 + countBits(a.attempts) + a.attempts * ATTEMPT_BITS;
  if (a.attempts === 0) return fixed;
  const drawn = [...a.questions].map(room).sort((x, y) => y - x).slice(0, a.draw);
  return fixed + blockHeader(a.questions) + sum(drawn);
}

/**
 * The most characters `encodeState(state, layout)` can return. Exact up to one character: the
 * `~` before texts is counted whenever some answer can hold text.
 */
export function maxStateLength(layout: StateLayout): number {
  const bits =
    1 + 24 +
    countBits(layout.pages.length) + 24 + layout.pages.length +
    24 + blockHeader(layout.checks) + sum(layout.checks.map(room)) +
    countBits(layout.assessments.length) + sum(layout.assessments.map(assessmentRoom)) +
    (layout.scenarios.length ? scenariosBits(layout.scenarios) : 0);
  const texts = [...layout.checks, ...layout.assessments.flatMap((a) => (a.attempts > 0 ? a.questions : []))].some((q) => answerMaxText(q.shape) > 0);
  return 1 + charsFor(bits) + (texts ? 1 : 0);
}

/** What fills the worst-case state, in characters (each part rounded up, the version and text marks left out: their sum is within a few characters of `maxStateLength`). */
export interface StateRoom {
  pages: number;
  checks: number;
  assessments: number;
  scenarios: number;
}

/** The worst case of `maxStateLength` split by what takes the room, so a `state-too-large` can say what to cut. */
export function stateRoom(layout: StateLayout): StateRoom {
  return {
    // The bookmark (a flag and a 24-bit key) counts with the pages.
    pages: charsFor(1 + 24 + countBits(layout.pages.length) + 24 + layout.pages.length),
    checks: charsFor(24 + blockHeader(layout.checks) + sum(layout.checks.map(room))),
    assessments: charsFor(countBits(layout.assessments.length) + sum(layout.assessments.map(assessmentRoom))),
    scenarios: layout.scenarios.length ? charsFor(scenariosBits(layout.scenarios)) : 0,
  };
}
