import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCourse, LARGE_COURSE } from '../../scripts/generate-course.js';
import { loadCourse } from '../../src/course/load-course.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { checkLimits, checkStateKeys, courseStateLayout, worstCaseState, worstCaseStateSize } from '../../src/package/limits.js';
import { NUMBER_INPUT_MAX_LENGTH, numberResponse } from '../../src/player/core/input-limits.js';
import { decodeState, encodeState, keyOf, visitedPages, type LearnerState } from '../../src/player/core/state.js';
import { makeLayout, stateLayout, type LayoutAssessment, type LayoutQuestion } from '../../src/player/core/state-layout.js';
import { checkQuestions } from '../../src/course/model.js';
import { renderSite } from '../../src/render/site.js';
import { scorm12 } from '../../src/targets/scorm12/index.js';
import { web } from '../../src/targets/web/index.js';
import { buildInMemory } from '../support/build.js';
import { testdir, validCourse } from '../support/testdir.js';

const checks: LayoutQuestion[] = [
  { id: 'q-one', shape: { kind: 'one', options: ['true', 'false'] } },
  { id: 'q-text', shape: { kind: 'text', max: 40 } },
];
const pool: LayoutQuestion[] = [
  { id: 'a-one', shape: { kind: 'one', options: ['a', 'b'] } },
  { id: 'a-two', shape: { kind: 'many', options: ['a', 'b', 'c'] } },
  { id: 'a-num', shape: { kind: 'number' } },
  { id: 'a-match', shape: { kind: 'pairs', sources: ['one', 'two'], targets: ['un', 'deux', 'trois'] } },
  { id: 'a-order', shape: { kind: 'order', items: ['x', 'y', 'z'] } },
];
const final: LayoutAssessment = { id: 'final', attempts: 3, draw: 5, shuffle: true, questions: pool };
const layout = makeLayout(['welcome', 'quiz-page'], checks, [final]);

const state: LearnerState = {
  location: 'quiz-page',
  visited: ['welcome', 'quiz-page'],
  checks: { 'q-one': 'true', 'q-text': 'Line one\n"quoted" ~ and € 😀' },
  attempts: {
    final: [
      { seed: 123456789, score: 50, answers: { 'a-one': 'a' } },
      { seed: 42, answers: { 'a-one': 'b', 'a-two': 'a,c', 'a-num': '-0.0000012345678901234567', 'a-match': 'one.trois,two.un', 'a-order': 'z,x,y' } },
    ],
  },
};
/** `state` as saved: the submitted first attempt, superseded by the open second one, keeps its seed and score only. */
const saved: LearnerState = { ...state, attempts: { final: [{ seed: 123456789, score: 50, answers: {} }, state.attempts.final![1]!] } };

describe('learner state encoding (version 2)', () => {
  it('round-trips every kind of answer', () => {
    expect(decodeState(encodeState(state, layout), layout)).toEqual(saved);
    expect(decodeState(encodeState(saved, layout), layout)).toEqual(saved);
  });

  it('keeps the answers of the last attempt only, open or submitted, and every seed and score', () => {
    const three: LearnerState = {
      visited: [],
      checks: {},
      attempts: { final: [{ seed: 1, score: 0, answers: { 'a-one': 'a' } }, { seed: 2, score: 50.25, answers: { 'a-one': 'b' } }, { seed: 3, score: 100, answers: { 'a-one': 'b', 'a-two': 'a,c' } }] },
    };
    expect(decodeState(encodeState(three, layout), layout)!.attempts.final).toEqual([
      { seed: 1, score: 0, answers: {} },
      { seed: 2, score: 50.25, answers: {} },
      { seed: 3, score: 100, answers: { 'a-one': 'b', 'a-two': 'a,c' } },
    ]);
  });

  it('is compact: printable ASCII but for learners’ text, no ids, one bit a page', () => {
    const text = encodeState(state, layout);
    expect(text).not.toContain('quiz-page');
    expect(text.slice(0, text.indexOf('~'))).toMatch(/^2[A-Za-z0-9_-]+$/);
    const pages = Array.from({ length: 600 }, (_, i) => `page-${i}`);
    const many = makeLayout(pages, [], []);
    expect(encodeState({ visited: pages, checks: {}, attempts: {} }, many).length).toBeLessThan(120);
  });

  it('drops answers the question cannot hold (the player never writes them) and cuts text to its limit', () => {
    const odd: LearnerState = { visited: ['nowhere'], checks: { 'q-one': 'maybe', 'q-text': 'x'.repeat(100), 'q-gone': 'a' }, attempts: {} };
    expect(decodeState(encodeState(odd, layout), layout)).toEqual({ visited: [], checks: { 'q-text': 'x'.repeat(40) }, attempts: {} });
  });

  it('a new version of the course: pages added at the end keep what was viewed; attempts and scores survive a changed pool', () => {
    const text = encodeState(state, layout);
    const grown = makeLayout(['welcome', 'quiz-page', 'new-page'], checks, [{ ...final, questions: [...pool, { id: 'a-new', shape: { kind: 'number' } }] }]);
    expect(decodeState(text, grown)).toEqual({
      location: 'quiz-page',
      visited: ['welcome', 'quiz-page'],
      checks: saved.checks,
      attempts: { final: [{ seed: 123456789, score: 50, answers: {} }, { seed: 42, answers: {} }] },
    });
    // A page removed or renamed: the visited marks restart; a changed check drops check answers only.
    const changed = makeLayout(['welcome', 'quiz-page-2'], checks.slice(0, 1), [final]);
    expect(decodeState(text, changed)).toEqual({ visited: [], checks: {}, attempts: saved.attempts });
  });

  it('survives an LMS that stores line breaks as CRLF', () => {
    const text = encodeState(state, layout);
    expect(text).toContain('\n');
    expect(decodeState(text.replace(/\n/g, '\r\n'), layout)).toEqual(saved);
  });

  it('the pages viewed are what trackers read', () => {
    expect(visitedPages(encodeState(state, layout), ['welcome', 'quiz-page'])).toEqual(['welcome', 'quiz-page']);
    expect(visitedPages('garbage', ['welcome'])).toBeNull();
  });

  it.each([[''], [null], ['not json'], ['{"v":99,"p":""}'], ['[]'], ['{"v":1}'], ['9AAAA'], ['2'], ['2AB'], ['2!!!!!!!!!!!!!!!!!!!!']])('starts fresh on unusable data %s', (text) => {
    expect(decodeState(text as string | null, layout)).toBeNull();
  });

  it('keys are stable (question seeds and version 1 states depend on them)', () => {
    expect(keyOf('welcome')).toBe('cwkz');
    expect(keyOf('welcome')).not.toBe(keyOf('welcomes'));
  });
});

describe('worst-case state size against target limits', () => {
  it('computes the largest state the course can produce, from the player’s encoder', () => {
    const course = loadCourse(testdir(validCourse())).course!;
    const worst = worstCaseState(course);
    expect(worst.visited).toEqual(['welcome', 'quiz-page']);
    expect(worst.attempts.final).toHaveLength(2);
    expect(worst.attempts.final![1]!.answers).toEqual({ 'a-one': 'a', 'a-two': 'a,b,c' });
    // The pool is drawn whole: every seed gives the worst case, and no answer holds text.
    expect(encodeState(worst, courseStateLayout(course)).length).toBe(worstCaseStateSize(course));
  });

  it('rejects a course whose state cannot fit SCORM 1.2 suspend_data, not the web build', () => {
    const questions = Array.from({ length: 3 }, (_, i) => `  - id: essay-${i}\n    type: free-text\n    prompt: { en: P, fr: P }\n    maxLength: 1500`).join('\n');
    const big = `id: final\ntitle: { en: F, fr: F }\npassingScore: 80\nattempts: 3\nquestions:\n${questions}\n  - { id: a-one, type: true-false, prompt: { en: P, fr: P }, answer: true }\n`;
    const course = loadCourse(testdir(validCourse({ 'assessment.yaml': big }))).course!;
    const out: Diagnostic[] = [];
    checkLimits(course, scorm12, out);
    checkLimits(course, web, out);
    expect(out.map((d) => [d.code, d.file, d.line])).toEqual([['state-too-large', 'course.yaml', 1]]);
    expect(out[0]!.message).toContain(String(worstCaseStateSize(course)));
  });

  it('checks every page and assessment id against a target whose bookmark is short (the Target interface allows it)', () => {
    const course = loadCourse(testdir(validCourse())).course!;
    const out: Diagnostic[] = [];
    checkLimits(course, { ...web, title: 'Tiny LMS', limits: { location: 7 } }, out);
    checkLimits(course, scorm12, out);
    expect(out.map((d) => [d.code, d.message.split('"')[1], d.file, typeof d.line])).toEqual([['location-too-long', 'quiz-page', 'modules/one.yaml', 'number']]);
  });

  it('refuses page or assessment ids whose state keys collide, at the second id', () => {
    const course = loadCourse(testdir(validCourse())).course!;
    const out: Diagnostic[] = [];
    checkStateKeys(course, out);
    expect(out).toEqual([]);
    // Two ids with the same 24-bit key, found by search (FNV-1a folded to 24 bits).
    const twin = { ...course, modules: [{ ...course.modules[0]!, pages: [...course.modules[0]!.pages, { ...course.modules[0]!.pages[0]!, id: 'p-5ot' }, { ...course.modules[0]!.pages[0]!, id: 'p-90i' }] }] };
    checkStateKeys({ ...twin, positions: { ...course.positions, 'p-90i': { file: 'modules/one.yaml', line: 9, column: 7 } } }, out);
    expect(out.map((d) => [d.code, d.file, d.line])).toEqual([['state-key-collision', 'modules/one.yaml', 9]]);
  });
});

describe('regression (issue 13): a package check approved must never overflow', () => {
  it('numeric answers typed as long as the field allows stay within the bound (stored as numbers, not text)', () => {
    const questions = Array.from({ length: 60 }, (_, i) => `  - { id: n-${i}, type: numeric, prompt: { en: P, fr: P }, answer: 3 }`).join('\n');
    const course = loadCourse(testdir(validCourse({ 'assessment.yaml': `id: final\ntitle: { en: F, fr: F }\npassingScore: 80\nattempts: 3\nquestions:\n${questions}\n` }))).course!;
    const layout = courseStateLayout(course);
    // The longest text String(number) gives, typed within the field's 32 characters.
    const typed = '-0.000001234567890123456789012';
    expect(typed.length).toBeLessThanOrEqual(NUMBER_INPUT_MAX_LENGTH);
    const answers = Object.fromEntries(course.assessments[0]!.questions.map((q) => [q.id, numberResponse(typed)]));
    expect(Object.values(answers)[0]).toHaveLength(25);
    const learner: LearnerState = { location: 'welcome', visited: ['welcome', 'quiz-page'], checks: { 'q-one': 'false' }, attempts: { final: [1, 2, 3].map((seed) => ({ seed, score: 12.34, answers })) } };
    expect(encodeState(learner, layout).length).toBe(worstCaseStateSize(course));
  });
});

describe('DESIGN.md’s large course (1000 pages, 40 modules, 60 of 200 questions, 3 attempts)', () => {
  const dir = generateCourse(mkdtempSync(join(tmpdir(), 'large-course-')), LARGE_COURSE, 'large-course');

  it('fits SCORM 1.2’s 4096 characters and builds for SCORM 1.2', async () => {
    const course = loadCourse(dir).course!;
    expect(worstCaseStateSize(course)).toBeLessThanOrEqual(4096);
    const result = await buildInMemory(dir, { targets: ['scorm12'] });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.packages.map((p) => p.target)).toEqual(['scorm12']);
  }, 60_000);

  it('is split into module scripts, and its player lays the state out as the build does before any module loads', () => {
    const course = loadCourse(dir).course!;
    const data = renderSite(course, 'en').data;
    expect(data.modules.filter((m) => m.file)).toHaveLength(LARGE_COURSE.modules - 1);
    // Check questions of modules not loaded yet are absent from the data, known by their shape only.
    expect(Object.keys(data.questions).length).toBeLessThan(checkQuestions(course).length + course.assessments[0]!.questions.length);
    expect(JSON.stringify(stateLayout(data))).toBe(JSON.stringify(courseStateLayout(course)));
  }, 60_000);
});
