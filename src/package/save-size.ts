/**
 * The largest save a course can cause in Moodle, per SCORM target (LMS-RULES.md rule 41).
 *
 * Moodle's runtimes post the data model to `mod/scorm/datamodel.php`; while the page unloads (and,
 * once the tab was hidden, for every later save) `request.js` sends the body as `FormData` through
 * `navigator.sendBeacon`, which browsers drop above 64 KiB. What each save carries:
 * - SCORM 2004 (`datamodels/scorm_13.js`, `CollectData`): the whole data model at every commit —
 *   every interaction of the Moodle attempt, loaded or new, and every element that differs from
 *   the value loaded at launch; at `Terminate` also `cmi.total_time`.
 * - SCORM 1.2 (`datamodels/scorm_12.js`): what changed since the last commit, and at the first
 *   commit after a relaunch everything Moodle loaded back (every interaction of the attempt).
 * So the worst case of both is one request with every interaction the course can write and every
 * other element at its longest: computed here for the worst-case learner, as multipart/form-data
 * with the longest boundary a current browser writes, in bytes (UTF-8).
 */
import { allPages, allQuestions, checkQuestions, scenarios, type Course, type Question, type Scenario } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { PlayerQuestion } from '../player/core/types.js';
import { SCORM12_MAX_RESPONSE, scorm12Interaction, scorm12Timespan } from '../player/interactions/scorm12.js';
import { scorm2004Duration, scorm2004Interaction, scorm2004Text, scorm2004Time } from '../player/interactions/scorm2004.js';
import { MAX_SCENARIO_STEPS } from '../player/core/scenario-path.js';
import { tr } from '../render/player-question.js';
import { typographyFor } from '../render/typography.js';
import { createMarkdown } from '../render/markdown.js';
import { questionForPlayer } from '../render/player-question.js';
import type { Target } from '../targets/types.js';
import { encodeState } from '../player/core/state.js';
import { maxStateLength } from '../player/core/state-bound.js';
import { courseStateLayout, longestResponse, worstCaseState } from './limits.js';

/** What browsers let `sendBeacon` carry (the keep-alive quota of the Fetch standard). */
export const BEACON_LIMIT = 64 * 1024;
/** `check` warns above this: the beacon limit less room for what a browser or Moodle may add. */
export const SAVE_BUDGET = 60 * 1024;
/** Firefox's boundary (`----geckoformboundary` and 32 hex digits); Chromium and Safari write 38 characters. */
export const LONGEST_BOUNDARY = 53;
export const CHROMIUM_BOUNDARY = 38;

export interface FormField {
  name: string;
  value: string;
}

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text).length;

/** Bytes of a multipart/form-data body holding `fields` (names as browsers write them: no escaping needed for ours). */
export function multipartBytes(fields: FormField[], boundary = LONGEST_BOUNDARY): number {
  const part = 2 + boundary + 2 + 'Content-Disposition: form-data; name=""'.length + 2 + 2 + 2;
  return fields.reduce((sum, f) => sum + part + utf8(f.name) + utf8(f.value.replace(/\r?\n/g, '\r\n')), 0) + 2 + boundary + 2 + 2;
}

/** Bytes of the same fields as `application/x-www-form-urlencoded` (Moodle's XHR saves). */
export function urlencodedBytes(fields: FormField[]): number {
  return fields.map((f) => `${encodeURIComponent(f.name)}=${encodeURIComponent(f.value)}`).join('&').length;
}

export type ScormStandard = 'scorm12' | 'scorm2004';

/**
 * The form field Moodle names an element with (`underscore()` in mod/scorm/module.js): dots become
 * `__`; in SCORM 1.2 Moodle keeps array members as `interactions_N`, in 2004 as `interactions.N`.
 */
export function moodleFieldName(element: string, standard: ScormStandard): string {
  const path = standard === 'scorm12' ? element.replace(/\.(\d+)\./g, '_$1.') : element;
  return path.replace(/\./g, '__');
}

/** What Moodle adds to every save: `datamodelurlparams` (ids up to 10 digits, the 10-character sesskey) and `unloading`. */
export const MOODLE_PARAMS: FormField[] = [
  { name: 'id', value: '9'.repeat(10) },
  { name: 'a', value: '9'.repeat(10) },
  { name: 'sesskey', value: 'x'.repeat(10) },
  { name: 'attempt', value: '9'.repeat(10) },
  { name: 'scoid', value: '9'.repeat(10) },
  { name: 'unloading', value: '1' },
];

/** The request Moodle sends for these elements (element, value), as form fields. */
export function moodleRequest(elements: Array<[string, string]>, standard: ScormStandard): FormField[] {
  return [...MOODLE_PARAMS, ...elements.map(([element, value]) => ({ name: moodleFieldName(element, standard), value }))];
}

/** Which knowledge-check answers become interactions: the first answer to each check, or none. */
export type CheckJournal = 'first' | 'none';

/** Interactions the course can write in one Moodle attempt: each check once (or none), each scenario's first ending (or none: `tracking.scenarios`), each assessment question once per attempt. */
export function interactionBudget(course: Course, checks: CheckJournal): number {
  return (checks === 'none' ? 0 : checkQuestions(course).length) + scenarioSlots(course).length + course.assessments.reduce((sum, a) => sum + a.attempts * a.draw, 0);
}

/** The scenarios whose first ending becomes an interaction. */
const scenarioSlots = (course: Course): Scenario[] => (course.tracking.scenarios === 'none' ? [] : scenarios(course));

/**
 * The longest learner response a scenario's ending can write in SCORM 2004 (interactions/scorm2004.ts):
 * `node[.]choice` records joined by `[,]` and the ending record. A scenario with a loop reachable
 * from its start can fill the path's cap with its widest step; one without can only walk its
 * longest path (a suffix of it when longer than the cap).
 */
export function longestScenarioResponse(s: Scenario): number {
  const short = (id: string) => id.replace(/[^A-Za-z0-9_.]/g, '_').length;
  const step = new Map(s.nodes.map((n) => [n.id, n.choices.length ? short(n.id) + 3 + Math.max(...n.choices.map((c) => short(c.id))) + 3 : 0]));
  const ending = Math.max(0, ...s.nodes.filter((n) => n.end).map((n) => short(n.id) + 3 + n.end!.length));
  const widest = Math.max(0, ...step.values());
  const memo = new Map<string, number>();
  const onPath = new Set<string>();
  let cyclic = false;
  const longest = (id: string): number => {
    if (memo.has(id)) return memo.get(id)!;
    if (onPath.has(id)) return (cyclic = true), 0;
    onPath.add(id);
    const node = s.nodes.find((n) => n.id === id);
    const best = node && node.choices.length ? step.get(id)! + Math.max(...node.choices.map((c) => longest(c.next))) : 0;
    onPath.delete(id);
    memo.set(id, best);
    return best;
  };
  const walk = longest(s.start);
  return (cyclic ? MAX_SCENARIO_STEPS * widest : Math.min(walk, MAX_SCENARIO_STEPS * widest)) + ending;
}

/** The elements the SCORM trackers write for a scenario's ending, at their longest (tracking/scorm12.ts, scorm2004.ts). */
function scenarioElements(standard: ScormStandard, n: number, s: Scenario, lang: string): Array<[string, string]> {
  const prefix = `cmi.interactions.${n}`;
  const response = 'x'.repeat(longestScenarioResponse(s));
  if (standard === 'scorm12') {
    return [
      [`${prefix}.id`, s.id],
      [`${prefix}.type`, 'performance'],
      [`${prefix}.weighting`, '0'],
      [`${prefix}.student_response`, response.slice(0, SCORM12_MAX_RESPONSE)],
      [`${prefix}.result`, 'neutral'],
      [`${prefix}.time`, '23:59:59'],
    ];
  }
  return [
    [`${prefix}.id`, s.id],
    [`${prefix}.type`, 'performance'],
    [`${prefix}.description`, scorm2004Text(typographyFor(lang)(tr(s.title, lang)), 250)],
    [`${prefix}.weighting`, '0'],
    [`${prefix}.learner_response`, response],
    [`${prefix}.result`, 'incorrect'],
    [`${prefix}.timestamp`, scorm2004Time(LATEST)],
  ];
}

/** The longest learner text a question keeps, as characters of 3 UTF-8 bytes (what a learner typing in any script can reach). */
function worstResponse(q: Question): string {
  return q.type === 'fill-in' || q.type === 'free-text' ? '\u20ac'.repeat(q.maxLength) : longestResponse(q);
}

const LONGEST_DURATION_MS = 9999 * 3600_000 + 59 * 60_000 + 59_990;
const LATEST = new Date(Date.UTC(2038, 11, 31, 23, 59, 59, 990));

/** The elements the trackers write for one answer (src/player/tracking/scorm12.ts, scorm2004.ts). */
function interactionElements(standard: ScormStandard, n: number, q: PlayerQuestion, response: string, check: boolean): Array<[string, string]> {
  const prefix = `cmi.interactions.${n}`;
  if (standard === 'scorm12') {
    const i = scorm12Interaction(q, response, 'incorrect');
    return [
      [`${prefix}.id`, i.id],
      [`${prefix}.type`, i.type],
      [`${prefix}.weighting`, i.weighting],
      [`${prefix}.student_response`, i.student_response],
      ...(i.pattern === undefined ? [] : [[`${prefix}.correct_responses.0.pattern`, i.pattern] as [string, string]]),
      [`${prefix}.result`, 'unanticipated'],
      [`${prefix}.latency`, scorm12Timespan(LONGEST_DURATION_MS)],
      [`${prefix}.time`, '23:59:59'],
    ];
  }
  const i = scorm2004Interaction(q, response, 'incorrect');
  return [
    [`${prefix}.id`, i.id],
    [`${prefix}.type`, i.type],
    ...(i.description ? [[`${prefix}.description`, i.description] as [string, string]] : []),
    ...(i.weighting === '1' ? [] : [[`${prefix}.weighting`, i.weighting] as [string, string]]),
    ...(i.learner_response ? [[`${prefix}.learner_response`, i.learner_response] as [string, string]] : []),
    ...i.correct_responses.map((p, k) => [`${prefix}.correct_responses.${k}.pattern`, p] as [string, string]),
    [`${prefix}.result`, 'unanticipated'],
    ...(check ? [[`${prefix}.latency`, scorm2004Duration(LONGEST_DURATION_MS)] as [string, string]] : []),
    [`${prefix}.timestamp`, scorm2004Time(LATEST)],
  ];
}

/**
 * The worst-case learner state in UTF-8 bytes: the longest state in characters (typed text all
 * quotes, each escaped in JSON), or the same state with typed text in 3-byte characters.
 */
function worstStateText(course: Course): string {
  const state = worstCaseState(course);
  const typed = new Map(allQuestions(course).flatMap((q) => (q.type === 'fill-in' || q.type === 'free-text' ? [[q.id, '\u20ac'.repeat(q.maxLength)] as const] : [])));
  const widen = (answers: Record<string, string>) => Object.fromEntries(Object.entries(answers).map(([id, a]) => [id, typed.get(id) ?? a]));
  const wide = { ...state, checks: widen(state.checks), attempts: Object.fromEntries(Object.entries(state.attempts).map(([id, list]) => [id, list.map((a) => ({ ...a, answers: widen(a.answers) }))])) };
  const layout = courseStateLayout(course);
  const [narrow, broad] = [encodeState(state, layout), encodeState(wide, layout)];
  const longest = utf8(broad) > utf8(narrow) ? broad : narrow;
  // No learner's state is longer than the encoder's bound (state-bound.ts): pad to it, one byte a character.
  return longest.padEnd(maxStateLength(layout), 'x');
}

/** Everything but the interactions, each at its longest. */
function scalarElements(course: Course, standard: ScormStandard): Array<[string, string]> {
  const state = worstStateText(course);
  const ids = [...allPages(course).map((p) => p.id), ...course.assessments.map((a) => a.id)];
  const location = ids.reduce((a, b) => (b.length > a.length ? b : a), '');
  if (standard === 'scorm12') {
    return [
      ['cmi.core.lesson_location', location],
      ['cmi.core.lesson_status', 'incomplete'],
      ['cmi.core.score.raw', '99.99'],
      ['cmi.core.score.min', '0'],
      ['cmi.core.score.max', '100'],
      ['cmi.core.exit', 'suspend'],
      ['cmi.suspend_data', state],
      ['cmi.core.total_time', scorm12Timespan(LONGEST_DURATION_MS)],
    ];
  }
  return [
    ['cmi.total_time', scorm2004Duration(LONGEST_DURATION_MS)],
    ['cmi.completion_status', 'not attempted'],
    ['cmi.success_status', 'unknown'],
    ['cmi.exit', 'suspend'],
    ['cmi.location', location],
    ['cmi.progress_measure', '0.9999999'],
    ['cmi.score.raw', '99.99'],
    ['cmi.score.min', '0'],
    ['cmi.score.max', '100'],
    ['cmi.score.scaled', '0.9999'],
    ['cmi.session_time', scorm2004Duration(LONGEST_DURATION_MS)],
    ['cmi.suspend_data', state],
  ];
}

/**
 * Each question as the player sees it, per language, made once per course: both SCORM standards
 * size the same questions, and making them renders their feedback's Markdown.
 */
const playersByCourse = new WeakMap<Course, (q: Question, lang: string) => PlayerQuestion>();
function playerQuestions(course: Course): (q: Question, lang: string) => PlayerQuestion {
  let player = playersByCourse.get(course);
  if (!player) {
    const md = createMarkdown({ allowHtml: course.allowHtml });
    const players = new Map(course.languages.map((lang) => [lang, new Map<Question, PlayerQuestion>()]));
    player = (q, lang) => {
      const byQuestion = players.get(lang)!;
      if (!byQuestion.has(q)) byQuestion.set(q, questionForPlayer(q, lang, md));
      return byQuestion.get(q)!;
    };
    playersByCourse.set(course, player);
  }
  return player;
}

/** The largest request (bytes, multipart) the course can make Moodle send for a SCORM standard, with every language's texts. */
export function worstCaseSave(course: Course, standard: ScormStandard, checks: CheckJournal): number {
  const player = playerQuestions(course);
  // Interaction index digits grow with n, so place the largest interactions at the highest indexes.
  const closing = 2 + LONGEST_BOUNDARY + 2 + 2;
  const biggest = (q: Question, n: number, check: boolean) =>
    Math.max(...course.languages.map((lang) => multipartBytes(interactionElements(standard, n, player(q, lang), worstResponse(q), check).map(([e, value]) => ({ name: moodleFieldName(e, standard), value }))))) - closing;
  const slots: Array<[Question, boolean]> = (checks === 'none' ? [] : checkQuestions(course)).map((q) => [q, true]);
  for (const a of course.assessments) {
    // Each attempt may draw the largest questions of the pool.
    // Each size once, not once per comparison (the sort is stable, so the order is the same).
    const size = new Map(a.questions.map((q) => [q, biggest(q, 0, false)]));
    const pool = [...a.questions].sort((x, y) => size.get(y)! - size.get(x)!).slice(0, a.draw);
    for (let k = 0; k < a.attempts; k++) slots.push(...pool.map((q) => [q, false] as [Question, boolean]));
  }
  const head = multipartBytes(moodleRequest(scalarElements(course, standard), standard));
  const questionsBytes = slots.reduce((sum, [q, check], n) => sum + biggest(q, n, check), head);
  // A scenario's first ending, after every question (tracking.scenarios: none writes none).
  const scenarioBytes = (s: Scenario, n: number) =>
    Math.max(...course.languages.map((lang) => multipartBytes(scenarioElements(standard, n, s, lang).map(([e, value]) => ({ name: moodleFieldName(e, standard), value }))))) - closing;
  return scenarioSlots(course).reduce((sum, s, k) => sum + scenarioBytes(s, slots.length + k), questionsBytes);
}

/** `save-too-large` when the worst-case save of a SCORM target passes the budget; returns the size. */
export function checkSaveSize(course: Course, target: Target, checks: CheckJournal, out: Diagnostic[]): number | undefined {
  if (target.id !== 'scorm12' && target.id !== 'scorm2004') return undefined;
  const bytes = worstCaseSave(course, target.id, checks);
  if (bytes > SAVE_BUDGET) {
    out.push(
      diag(
        'save-too-large',
        `a save of this course to Moodle can reach ${bytes} bytes in ${target.title} (${interactionBudget(course, checks)} interactions); browsers drop an unload save above ${BEACON_LIMIT}, and coursepack keeps saves under ${SAVE_BUDGET}`,
        { file: 'course.yaml', line: 1, column: 1 },
      ),
    );
  }
  return bytes;
}
