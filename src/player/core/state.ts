/**
 * The learner state: one versioned, compact encoding shared by every tracking adapter and by the
 * build, which computes its worst-case size for each course with this same encoder
 * (src/package/limits.ts) and checks it against each target.
 *
 * Version 2 (this one) is `2`, a bit stream in base64url, then, if any answer holds text, `~` and
 * the texts one after another (their lengths are in the bits). Visited pages are one bit each,
 * answers are packed by their question's shape (answer-codec.ts), ids are never written: the state
 * is laid out against the course (`StateLayout`). What a new version of the course keeps:
 * - visited pages when the page list is unchanged or only grew at its end (new modules);
 * - knowledge-check answers when the checks are unchanged;
 * - per assessment (matched by a hash of its id): every attempt's seed and score, and the last
 *   attempt's answers when the pool is unchanged.
 * Version 1 (JSON, hashed ids) is still read: see state-v1.ts.
 *
 * Version 3 (issue 15) is version 2 followed, in the same bit stream, by the scenarios' progress
 * (scenario-state.ts). Version 4 is version 3 with one more bit per scenario: a choice's feedback
 * still showing (the learner left before Continue). Courses that have scenarios write version 4;
 * version 3 states still open (no feedback pending). A course without scenarios still writes
 * version 2, byte for byte, and every version 2 state still opens (no scenario started).
 */
import { answerBits, answerMaxText, packAnswer, unpackAnswer } from './answer-codec.js';
import { BitReader, BitWriter } from './bits.js';
import { hash24 } from './hash.js';
import { drawQuestions } from './random.js';
import { makeLayout, type LayoutAssessment, type LayoutQuestion, type StateLayout } from './state-layout.js';
import { decodeStateV1 } from './state-v1.js';
import { readScenarios, writeScenarios } from './scenario-state.js';
import type { ScenarioProgress } from './scenario-path.js';

export { hash24, KEY_LENGTH, keyOf } from './hash.js';

export const STATE_VERSION = 2;
/** The version of states that carry scenarios (version 2 and the scenario section, with the pending bit). */
export const STATE_VERSION_SCENARIOS = 4;
/** States of packages before the pending bit: still read. */
const STATE_VERSION_SCENARIOS_V3 = 3;
const TEXT_MARK = '~';

/** One attempt at an assessment. */
export interface AttemptState {
  /** Seed of the attempt's draw and shuffle, so a resume shows the same questions in the same order. */
  seed: number;
  /** Score of the attempt in percent (0..100, two decimals), once submitted. */
  score?: number;
  /** Answers by question id, in the player's response encoding (questions.ts); not kept in the saved state once a later attempt exists. */
  answers: Record<string, string>;
}

export interface LearnerState {
  /** Bookmark: the id of the page the learner was on. */
  location?: string;
  /** Ids of pages viewed. */
  visited: string[];
  /** Knowledge check answers by question id. */
  checks: Record<string, string>;
  /** Attempts by assessment id, oldest first; the last one may be in progress (no score yet). */
  attempts: Record<string, AttemptState[]>;
  /** Progress in each scenario started, by scenario id (absent: none started). */
  scenarios?: Record<string, ScenarioProgress>;
}

export const emptyState = (): LearnerState => ({ visited: [], checks: {}, attempts: {} });

const pagesPrint = (pages: readonly string[]) => hash24(pages.join('\n'));
const checksPrint = (checks: readonly LayoutQuestion[]) => hash24(JSON.stringify(checks));
const poolPrint = (a: LayoutAssessment) => hash24(JSON.stringify([a.draw, a.shuffle, a.questions]));

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The questions an attempt with this seed shows (AssessmentView draws them the same way). */
export const drawnQuestions = (a: LayoutAssessment, seed: number): LayoutQuestion[] => {
  const byId = new Map(a.questions.map((q) => [q.id, q]));
  return drawQuestions([...byId.keys()], a.draw, a.shuffle, seed).map((id) => byId.get(id)!);
};

/** Writes answers as a block a reader can skip: its bit and text lengths, then the answers. */
function writeAnswers(w: BitWriter, texts: string[], questions: LayoutQuestion[], answers: Record<string, string>, pool: LayoutQuestion[]): void {
  const packed = questions.map((q) => packAnswer(q.shape, answers[q.id]));
  w.writeSized(sum(questions.map((q) => answerBits(q.shape))), sum(pool.map((q) => answerBits(q.shape))));
  w.writeSized(sum(packed.map((p) => p.text.length)), sum(pool.map((q) => answerMaxText(q.shape))));
  for (const p of packed) {
    for (const [value, width] of p.fields) w.write(value, width);
    if (p.text) texts.push(p.text);
  }
}

/** Encodes the state against the course layout: printable ASCII except text typed by learners. */
export function encodeState(state: LearnerState, layout: StateLayout): string {
  const w = new BitWriter();
  const texts: string[] = [];
  const location = state.location !== undefined && layout.locations.includes(state.location);
  w.write(location ? 1 : 0, 1);
  if (location) w.write(hash24(state.location!), 24);

  const visited = new Set(state.visited);
  w.writeCount(layout.pages.length);
  w.write(pagesPrint(layout.pages), 24);
  for (const id of layout.pages) w.write(visited.has(id) ? 1 : 0, 1);

  w.write(checksPrint(layout.checks), 24);
  writeAnswers(w, texts, layout.checks, state.checks, layout.checks);

  w.writeCount(layout.assessments.length);
  for (const a of layout.assessments) {
    // The player never exceeds the allowed attempts; a state that does keeps its latest ones.
    const all = state.attempts[a.id] ?? [];
    const list = all.length > a.attempts ? all.slice(all.length - a.attempts) : all;
    w.write(hash24(a.id), 24);
    w.write(poolPrint(a), 24);
    w.writeCount(list.length);
    for (const attempt of list) {
      w.write(attempt.seed >>> 0, 32);
      w.write(attempt.score === undefined ? 0 : 1, 1);
      if (attempt.score !== undefined) w.write(Math.min(10000, Math.max(0, Math.round(attempt.score * 100))), 14);
    }
    // Only the last attempt keeps its answers (open: to resume it; submitted: for the review).
    const last = list[list.length - 1];
    if (last) writeAnswers(w, texts, drawnQuestions(a, last.seed >>> 0), last.answers, a.questions);
  }
  const scenarios = layout.scenarios.length > 0;
  if (scenarios) writeScenarios(w, layout.scenarios, state.scenarios);
  const version = scenarios ? STATE_VERSION_SCENARIOS : STATE_VERSION;
  const bits = w.toString();
  return texts.length ? `${version}${bits}${TEXT_MARK}${texts.join('')}` : `${version}${bits}`;
}

/**
 * Decodes a saved state (this version or an earlier one) against the current course. Returns null
 * for empty, unreadable or future-version data: the learner starts fresh rather than the course
 * failing to open.
 */
export function decodeState(text: string | null | undefined, layout: StateLayout): LearnerState | null {
  if (!text) return null;
  if (text.startsWith('{')) {
    const ids = [...layout.locations, ...layout.checks.map((q) => q.id), ...layout.assessments.flatMap((a) => a.questions.map((q) => q.id))];
    return decodeStateV1(text, ids, layout.assessments.map((a) => a.id));
  }
  const version = Number(text[0]);
  if (version !== STATE_VERSION && version !== STATE_VERSION_SCENARIOS_V3 && version !== STATE_VERSION_SCENARIOS) return null;
  try {
    return decodeV2(text, layout, version);
  } catch {
    return null;
  }
}

/** Whether saved data is a learner state some coursepack player wrote (any version, any course): what trackers need to tell ours from an LMS's leftovers. */
export function isPlayerState(text: string | null | undefined): boolean {
  return decodeState(text, makeLayout([], [], [])) !== null;
}

/** The pages viewed, from a saved state: what trackers need (`pages`: every content page in course order). */
export function visitedPages(text: string | null | undefined, pages: string[]): string[] | null {
  return decodeState(text, makeLayout(pages, [], []))?.visited ?? null;
}

/** Versions 2, 3 and 4: the same stream, version 3 and 4 with the scenario section. */
function decodeV2(text: string, layout: StateLayout, version: number): LearnerState {
  const mark = text.indexOf(TEXT_MARK);
  const r = new BitReader(mark < 0 ? text.slice(1) : text.slice(1, mark));
  // Accepted text holds no carriage return (acceptText): one found here is an LMS's line-break rewrite.
  const tail = mark < 0 ? '' : text.slice(mark + 1).replace(/\r\n?/g, '\n');
  let at = 0;
  const takeText = (n: number) => {
    if (at + n > tail.length) throw new RangeError('learner state ends early');
    at += n;
    return tail.slice(at - n, at);
  };
  const state = emptyState();

  if (r.read(1)) {
    const key = r.read(24);
    const location = layout.locations.find((id) => hash24(id) === key);
    if (location !== undefined) state.location = location;
  }

  const pageCount = r.readCount();
  const pagesMatch = r.read(24) === pagesPrint(layout.pages.slice(0, pageCount)) && pageCount <= layout.pages.length;
  for (let i = 0; i < pageCount; i++) if (r.read(1) && pagesMatch) state.visited.push(layout.pages[i]!);

  const checksMatch = r.read(24) === checksPrint(layout.checks);
  readAnswers(r, takeText, checksMatch ? layout.checks : null, state.checks);

  const count = r.readCount();
  for (let n = 0; n < count; n++) {
    const key = r.read(24);
    const print = r.read(24);
    const a = layout.assessments.find((x) => hash24(x.id) === key);
    const attempts: AttemptState[] = [];
    const total = r.readCount();
    for (let i = 0; i < total; i++) {
      const seed = r.read(32);
      attempts.push(r.read(1) ? { seed, score: r.read(14) / 100, answers: {} } : { seed, answers: {} });
    }
    const last = attempts[attempts.length - 1];
    if (last) readAnswers(r, takeText, a && print === poolPrint(a) ? drawnQuestions(a, last.seed) : null, last.answers);
    if (a && attempts.length) state.attempts[a.id] = attempts;
  }
  if (version >= STATE_VERSION_SCENARIOS_V3) {
    const progress: Record<string, ScenarioProgress> = {};
    readScenarios(r, layout.scenarios, progress, version);
    if (Object.keys(progress).length) state.scenarios = progress;
  }
  return state;
}

/** Reads a block of answers into `into`, or skips it when `questions` is null (saved against another layout). */
function readAnswers(r: BitReader, takeText: (n: number) => string, questions: LayoutQuestion[] | null, into: Record<string, string>): void {
  const bits = r.readSized();
  const chars = r.readSized();
  if (questions && sum(questions.map((q) => answerBits(q.shape))) === bits) {
    for (const q of questions) {
      const answer = unpackAnswer(q.shape, r, takeText);
      if (answer !== undefined) into[q.id] = answer;
    }
    return;
  }
  r.skip(bits);
  takeText(chars);
}
