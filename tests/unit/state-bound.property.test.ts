/**
 * The build's worst-case learner state is an upper bound: for generated courses (every question
 * type, option counts and text limits at their extremes, random ids) and generated learners —
 * random ones and adversarial ones (every attempt used, text full of characters that escape or
 * expand, numbers whose text is as long as a double's can be, scenarios looped far beyond the
 * path's cap) — the state the player saves is never longer than `worstCaseStateSize`. The learner's input goes through the player's own input rules
 * (acceptText, numberResponse: what readResponse applies, see state-input-limits.test.ts).
 *
 * Seeded; `STATE_PROPERTY_RUNS=2000 npx vitest run tests/unit/state-bound.property.test.ts` runs
 * longer, `STATE_PROPERTY_SEED=n` replays a seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Assessment, Course, Module, Question, Scenario } from '../../src/course/model.js';
import { loadCourse } from '../../src/course/load-course.js';
import { courseStateLayout, worstCaseState, worstCaseStateSize } from '../../src/package/limits.js';
import { acceptText, numberResponse } from '../../src/player/core/input-limits.js';
import { decodeState, drawnQuestions, encodeState, type AttemptState, type LearnerState } from '../../src/player/core/state.js';
import { stateLayout, type AnswerShape, type StateLayout } from '../../src/player/core/state-layout.js';
import { capped, type ScenarioProgress } from '../../src/player/core/scenario-path.js';
import { renderSite } from '../../src/render/site.js';
import { testdir, validCourse } from '../support/testdir.js';

const SEED = Number(process.env.STATE_PROPERTY_SEED ?? 20261203);
const RUNS = Number(process.env.STATE_PROPERTY_RUNS ?? 100);
const base = loadCourse(testdir(validCourse())).course!;
const T = (text: string) => ({ en: text, fr: text });

// ---------------------------------------------------------------- courses

const suffix = fc.stringMatching(/^[a-z0-9]{0,40}$/);
/** An id valid for the schema (ID_PATTERN, ≤ 64), unique through its index. */
const idFor = (prefix: string, i: number, tail: string) => `${prefix}${i}${tail ? `-${tail}` : ''}`.slice(0, 64).replace(/-$/, '');
const items = (prefix: string, min: number, max: number) => fc.array(suffix, { minLength: min, maxLength: max }).map((tails) => tails.map((t, i) => ({ id: idFor(prefix, i, t), text: T(t || 'x') })));

const question = (id: string): fc.Arbitrary<Question> => {
  const q = { id, prompt: T('Prompt'), feedback: {}, weight: 1 };
  return fc.oneof(
    fc.constant({ ...q, type: 'true-false' as const, answer: true }),
    fc.tuple(fc.constantFrom('single-choice' as const, 'multiple-choice' as const), items('c', 2, 100)).map(([type, choices]) => ({
      ...q,
      type,
      scoring: 'all-or-nothing' as const,
      choices: choices.map((c, i) => ({ ...c, correct: i === 0 })),
    })),
    fc.integer({ min: 1, max: 250 }).map((maxLength) => ({ ...q, type: 'fill-in' as const, answers: [T('Paris')], caseSensitive: false, maxLength })),
    fc.integer({ min: 1, max: 2000 }).map((maxLength) => ({ ...q, type: 'free-text' as const, maxLength })),
    fc.constant({ ...q, type: 'numeric' as const, range: { min: 1, max: 2 } }),
    fc.tuple(items('s', 1, 8), items('t', 1, 8), items('d', 0, 4)).map(([sources, targets, distractors]) => ({
      ...q,
      type: 'matching' as const,
      pairs: sources.map((source, i) => ({ source, target: targets[i] ?? { id: `tt${i}`, text: T('x') } })),
      distractors,
    })),
    items('i', 2, 36).map((list) => ({ ...q, type: 'sequencing' as const, items: list })),
    items('l', 2, 11).map((scale) => ({ ...q, type: 'likert' as const, scale })),
  );
};

const questions = (prefix: string, min: number, max: number) =>
  fc.array(suffix, { minLength: min, maxLength: max }).chain((tails) => fc.tuple(...tails.map((t, i) => question(idFor(prefix, i, t)))));

const modules: fc.Arbitrary<Module[]> = fc.array(fc.array(questions('', 0, 3), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }).map((mods) => {
  let page = 0;
  let check = 0;
  return mods.map((pages, m) => ({
    id: `module-${m}`,
    title: T('Module'),
    pages: pages.map((qs) => {
      const c = check++;
      const checkBlock = { type: 'check' as const, id: `check-${c}`, questions: qs.map((q, i) => ({ ...q, id: `k${c}-${i}-${q.id}`.slice(0, 64).replace(/-$/, '') })) };
      return { id: `page-${page++}`, title: T('Page'), blocks: qs.length ? [checkBlock] : [] };
    }),
  }));
});

const assessments: fc.Arbitrary<Assessment[]> = fc.array(
  fc.tuple(questions('', 1, 12), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()),
  { minLength: 0, maxLength: 2 },
).map((list) =>
  list.map(([pool, attempts, share, shuffle], n) => ({
    id: `final-${n}`,
    title: T('Final'),
    passingScore: 80,
    attempts,
    showCorrectAnswers: true,
    draw: Math.max(1, Math.ceil(share * pool.length)),
    shuffle,
    counts: 'best' as const,
    questions: pool.map((q, i) => ({ ...q, id: `a${n}-${i}-${q.id}`.slice(0, 64).replace(/-$/, '') })),
  })),
);

/** A scenario of 1..12 nodes with 1..6 choices each, leading anywhere (loops included); the last node an ending. */
const scenario = (n: number): fc.Arbitrary<Scenario> =>
  fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }).chain((nodes) =>
    fc.nat({ max: nodes.length - 1 }).map((start) => ({
      type: 'scenario' as const,
      id: `scenario-${n}`,
      title: T('Scenario'),
      start: `n${start}`,
      nodes: nodes.map((targets, i) => ({
        id: `n${i}`,
        line: T('Line'),
        choices: i === nodes.length - 1 ? [] : targets.map((t, k) => ({ id: `c${k}`, text: T('Choice'), next: `n${t % nodes.length}` })),
        ...(i === nodes.length - 1 ? { end: 'good' as const, score: 100 } : {}),
      })),
    })),
  );
const withScenarios = (mods: Module[], list: Scenario[]): Module[] =>
  list.length === 0 ? mods : [...mods, { id: 'module-scenarios', title: T('Scenarios'), pages: list.map((b, i) => ({ id: `scenario-page-${i}`, title: T('Page'), blocks: [b] })) }];

const courses: fc.Arbitrary<Course> = fc
  .tuple(modules, assessments, fc.integer({ min: 0, max: 3 }).chain((k) => (k ? fc.tuple(...Array.from({ length: k }, (_, i) => scenario(i))) : fc.constant([] as Scenario[]))))
  .map(([mods, list, scenarios]) => ({ ...base, modules: withScenarios(mods, scenarios), assessments: list, result: { from: 'all' } }));

// ---------------------------------------------------------------- learners

/** Characters that escape, expand or break somewhere a saved state travels. */
const nasty = fc.constantFrom('"', '\\', '\n', '\r', '\t', '~', '€', '😀', '\ud83d', '\ude00', '\u0000', '\u0085', '\u2028', '\ufeff', '%', '+', '&', '<', 'a', ' ');
const typedText = (max: number) =>
  fc.oneof(fc.string({ unit: 'binary', maxLength: max + 20 }), fc.string({ unit: nasty, minLength: max, maxLength: max + 20 }), fc.string({ unit: 'grapheme', maxLength: max }));
const typedNumber = fc.oneof(
  fc.double({ noNaN: true }).map(String),
  fc.stringMatching(/^[ +-]?\d{0,40}([.,]\d{0,40})?$/),
  fc.constantFrom('-0.0000012345678901234567', '-123456789012345678901', '1 000,5', '-1.2345678901234567e-308', "1'000'000"),
);

/** What the player keeps from the learner's input for a question of this shape, as readResponse does. */
function answerTo(shape: AnswerShape, type: 'fill-in' | 'other'): fc.Arbitrary<string> {
  switch (shape.kind) {
    case 'one':
      return fc.constantFrom(...shape.options);
    case 'many':
      return fc.subarray(shape.options, { minLength: 1 }).map((chosen) => chosen.join(','));
    case 'pairs':
      return fc.tuple(...shape.sources.map(() => fc.constantFrom(...shape.targets))).map((targets) => shape.sources.map((s, i) => `${s}.${targets[i]}`).join(','));
    case 'order':
      return fc.shuffledSubarray(shape.items, { minLength: shape.items.length }).map((order) => order.join(','));
    case 'number':
      return typedNumber.map(numberResponse);
    case 'text':
      return typedText(shape.max).map((raw) => {
        const text = acceptText(raw, shape.max);
        return text.trim() === '' ? '' : type === 'fill-in' ? text.trim() : text;
      });
  }
}

function learners(course: Course, layout: StateLayout): fc.Arbitrary<LearnerState> {
  const types = new Map(course.modules.flatMap((m) => m.pages.flatMap((p) => p.blocks.flatMap((b) => (b.type === 'check' ? b.questions : [])))).concat(course.assessments.flatMap((a) => a.questions)).map((q) => [q.id, q.type === 'fill-in' ? 'fill-in' : 'other'] as const));
  const answers = (qs: StateLayout['checks']) =>
    fc.tuple(...qs.map((q) => fc.option(answerTo(q.shape, types.get(q.id) ?? 'other'), { nil: undefined }))).map((list) =>
      Object.fromEntries(qs.flatMap((q, i) => (list[i] ? [[q.id, list[i]!]] : []))),
    );
  const attempts = (a: StateLayout['assessments'][number]) =>
    fc.array(fc.tuple(fc.nat({ max: 0xffffffff }), fc.option(fc.integer({ min: 0, max: 10000 }).map((n) => n / 100), { nil: undefined }), answers(a.questions)), { minLength: 0, maxLength: a.attempts }).map((list) =>
      list.map(([seed, score, given], i): AttemptState => ({ seed, ...(score === undefined && i === list.length - 1 ? {} : { score: score ?? 0 }), answers: given })),
    );
  // A walk through a scenario from any node, picking choices at random, up to far beyond the path's cap.
  const play = (sc: StateLayout['scenarios'][number]) =>
    fc.option(
      fc.tuple(fc.constantFrom(...sc.nodes.map((x) => x.id)), fc.array(fc.nat(), { maxLength: 200 }), fc.boolean()).map(([from, picks, ended]): ScenarioProgress => {
        const choices: string[] = [];
        let at = sc.nodes.find((x) => x.id === from)!;
        for (const pick of picks) {
          if (!at.choices.length) break;
          const choice = at.choices[pick % at.choices.length]!;
          choices.push(choice.id);
          at = sc.nodes.find((x) => x.id === choice.next)!;
        }
        return { from, choices, ...(ended ? { ended } : {}) };
      }),
      { nil: undefined },
    );
  return fc.record({
    location: fc.option(fc.constantFrom(...layout.locations), { nil: undefined }),
    visited: fc.subarray(layout.pages),
    checks: answers(layout.checks),
    attempts: fc.tuple(...layout.assessments.map(attempts)).map((lists) => Object.fromEntries(layout.assessments.map((a, i) => [a.id, lists[i]!]))),
    scenarios: fc.tuple(...layout.scenarios.map(play)).map((list) => Object.fromEntries(layout.scenarios.flatMap((sc, i) => (list[i] ? [[sc.id, list[i]!]] : [])))),
  }).map(({ scenarios, ...s }) => {
    const state: LearnerState = s.location === undefined ? { visited: s.visited, checks: s.checks, attempts: s.attempts } : s;
    return Object.keys(scenarios).length ? { ...state, scenarios } : state;
  });
}

/** The adversarial learner: everything used, every answer at its longest. */
function worstLearner(course: Course, seeds: number[]): LearnerState {
  const worst = worstCaseState(course);
  for (const list of Object.values(worst.attempts)) list.forEach((a, i) => (a.seed = seeds[i % seeds.length]!));
  return worst;
}

/** What decoding gives back: pages in course order, superseded attempts without answers, the last with those of the questions it drew. */
function saved(state: LearnerState, layout: StateLayout): LearnerState {
  const drawn = (id: string, seed: number) => new Set(drawnQuestions(layout.assessments.find((a) => a.id === id)!, seed).map((q) => q.id));
  const attempts = Object.fromEntries(
    Object.entries(state.attempts)
      .filter(([, list]) => list.length > 0)
      .map(([id, list]) => [
        id,
        list.map((a, i) => ({ ...a, answers: i < list.length - 1 ? {} : Object.fromEntries(Object.entries(a.answers).filter(([q]) => drawn(id, a.seed).has(q))) })),
      ]),
  );
  const scenarios = Object.fromEntries(Object.entries(state.scenarios ?? {}).map(([id, p]) => [id, capped(layout.scenarios.find((x) => x.id === id)!, p)]));
  return {
    ...(state.location ? { location: state.location } : {}),
    visited: layout.pages.filter((p) => state.visited.includes(p)),
    checks: state.checks,
    attempts,
    ...(Object.keys(scenarios).length ? { scenarios } : {}),
  };
}

describe('the worst-case learner state bounds every learner', () => {
  it('the player and the build lay the state out alike', () => {
    fc.assert(
      fc.property(courses, (course) => {
        // Byte for byte: the fingerprints in the state are hashes of this JSON.
        expect(JSON.stringify(stateLayout(renderSite(course, 'en').data))).toBe(JSON.stringify(courseStateLayout(course)));
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('random and adversarial learners on random courses: never longer than the bound, and read back as saved', () => {
    fc.assert(
      fc.property(
        courses.chain((course) => {
          const layout = courseStateLayout(course);
          return fc.tuple(fc.constant(course), fc.constant(layout), fc.array(learners(course, layout), { minLength: 1, maxLength: 4 }), fc.array(fc.nat({ max: 0xffffffff }), { minLength: 1, maxLength: 3 }));
        }),
        ([course, layout, randoms, seeds]) => {
          const bound = worstCaseStateSize(course);
          for (const learner of [...randoms, worstLearner(course, seeds)]) {
            const text = encodeState(learner, layout);
            expect(text.length).toBeLessThanOrEqual(bound);
            expect(decodeState(text, layout)).toEqual(saved(learner, layout));
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('reads any text without throwing: unusable data gives null or what it can read', () => {
    fc.assert(
      fc.property(
        courses.chain((course) => {
          const layout = courseStateLayout(course);
          const text = learners(course, layout).map((s) => encodeState(s, layout));
          const mutated = fc.tuple(text, fc.nat(), fc.string({ maxLength: 3 })).map(([t, at, insert]) => t.slice(0, at % (t.length + 1)) + insert + t.slice((at % (t.length + 1)) + 1));
          return fc.tuple(fc.constant(layout), fc.oneof(fc.string({ unit: 'binary' }), mutated, fc.string().map((t) => `2${t}`)));
        }),
        ([layout, text]) => {
          const decoded = decodeState(text, layout);
          if (decoded) expect(decoded.visited.every((id) => layout.pages.includes(id))).toBe(true);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('is exact when every question of a pool is drawn: the adversarial learner reaches it', () => {
    fc.assert(
      fc.property(courses, fc.nat({ max: 0xffffffff }), (generated, seed) => {
        // Each scenario starting on a loop (n0's first choice leads back to n0): the learner can fill the path's cap.
        const looping = (b: Module['pages'][number]['blocks'][number]) =>
          b.type !== 'scenario' ? b : { ...b, start: 'n0', nodes: b.nodes.map((x, i) => (i === 0 && x.choices.length ? { ...x, choices: [{ ...x.choices[0]!, next: 'n0' }, ...x.choices.slice(1)] } : x)) };
        const modules = generated.modules.map((m) => ({ ...m, pages: m.pages.map((p) => ({ ...p, blocks: p.blocks.map(looping) })) }));
        const course = { ...generated, modules, assessments: generated.assessments.map((a) => ({ ...a, draw: a.questions.length })) };
        expect(encodeState(worstLearner(course, [seed]), courseStateLayout(course)).length).toBe(worstCaseStateSize(course));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
