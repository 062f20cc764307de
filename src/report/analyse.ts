/** Learner events + the course → every figure of the report (figures.ts). */
import { attemptsOf, decidingAssessment, type AnswerEvent, type Attempt } from './attempts.js';
import type { CourseIndex } from './course-index.js';
import type { SourceData } from './events.js';
import type { AssessmentFigures, Count, Flag, LanguageFigures, LearnerRow, QuestionFigures, ReportFigures } from './figures.js';
import { pageFigures, SKIM_SECONDS } from './analyse-pages.js';
import { questionFigures } from './analyse-questions.js';
import { mediaFigures, scenarioFigures } from './analyse-blocks.js';
import { mean, round } from './stats.js';
import { noteText, reportText, REPORT_SOURCE_LANGUAGE } from './i18n.js';

export interface AnalyseOptions {
  kind: ReportFigures['source']['kind'];
  /** Figures about fewer learners than this are hidden (default 5). */
  minGroup?: number;
  learners?: boolean;
}

export const DEFAULT_MIN_GROUP = 5;
const EASY = 0.9;
const HARD = 0.2;
const DROP = 0.2;
/** Below this share of the learners reaching it playing it to the end, a `completion: watched` media is flagged. */
const UNWATCHED = 0.5;
/** Below this, a negative correlation is more than noise in groups of a few dozen. */
const NEGATIVE = -0.2;

function assessmentFigures(attempts: Attempt[], index: CourseIndex, guard: (n: number) => Count): AssessmentFigures[] {
  return index.assessments.map((a) => {
    const list = attempts.filter((x) => x.assessmentId === a.id);
    const learners = new Set(list.map((x) => x.learner));
    const shown = guard(learners.size) !== null && list.length > 0;
    const bands = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: list.filter((x) => Math.min(9, Math.floor(x.score / 10)) === i).length }));
    const numbers = [...new Set(list.map((x) => x.attempt))].sort((x, y) => x - y);
    const byAttempt = numbers.map((n) => {
      const these = list.filter((x) => x.attempt === n);
      const passed = these.filter((x) => x.passed).length;
      return { attempt: n, attempts: these.length, passed, rate: round(passed / these.length) };
    });
    const used = new Map<string, number>();
    for (const x of list) {
      const key = `${x.learner}\u0000${x.session}`;
      used.set(key, Math.max(used.get(key) ?? 0, x.attempt));
    }
    const usedCounts = [...new Set(used.values())].sort((x, y) => x - y).map((n) => ({ attempts: n, learners: [...used.values()].filter((v) => v === n).length }));
    return {
      id: a.id,
      title: index.text(a.title),
      passingScore: a.passingScore,
      attemptsAllowed: a.attempts,
      learners: guard(learners.size),
      attempts: list.length,
      scoreBands: shown ? bands : null,
      passByAttempt: shown ? byAttempt : null,
      attemptsUsed: shown ? usedCounts : null,
      passedLearners: guard(new Set(list.filter((x) => x.passed).map((x) => x.learner)).size),
    };
  });
}

function languageFigures(data: SourceData, attempts: Attempt[], deciding: string | undefined, completed: Set<string>, guard: (n: number) => Count): LanguageFigures[] {
  const langOf = new Map<string, string>();
  for (const e of data.events) if (e.lang && !langOf.has(e.learner)) langOf.set(e.learner, e.lang);
  const langs = [...new Set(langOf.values())].sort();
  return langs.map((lang) => {
    const learners = [...langOf].filter(([, l]) => l === lang).map(([k]) => k);
    const shown = guard(learners.length) !== null;
    const firsts = learners.map((k) => attempts.find((a) => a.learner === k && a.assessmentId === deciding)).filter((a): a is Attempt => !!a);
    const tried = learners.filter((k) => attempts.some((a) => a.learner === k && a.assessmentId === deciding));
    const passed = tried.filter((k) => attempts.some((a) => a.learner === k && a.assessmentId === deciding && a.passed));
    return {
      lang,
      learners: guard(learners.length),
      completed: shown && !data.lacks.includes('pages') ? guard(learners.filter((k) => completed.has(k)).length) : null,
      firstAttemptMean: shown && guard(firsts.length) !== null ? round(mean(firsts.map((a) => a.score)), 1) : null,
      passRate: shown && guard(tried.length) !== null ? round(passed.length / tried.length) : null,
    };
  });
}

function flagsOf(figures: Pick<ReportFigures, 'questions' | 'pages' | 'media'>): Flag[] {
  const flags: Flag[] = [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  for (const q of figures.questions) {
    if (q.hidden) continue;
    const target = `question:${q.id}`;
    if (q.facility !== null && q.facility >= EASY) flags.push({ kind: 'too-easy', target, message: `${pct(q.facility)} answer “${q.title}” right the first time: it may not tell who has learnt it.`, values: { share: q.facility, title: q.title } });
    if (q.facility !== null && q.facility <= HARD) flags.push({ kind: 'too-hard', target, message: `only ${pct(q.facility)} answer “${q.title}” right the first time: check the question, its key and the page that teaches it.`, values: { share: q.facility, title: q.title } });
    if (q.discrimination !== null && q.discrimination <= NEGATIVE) flags.push({ kind: 'negative-discrimination', target, message: `“${q.title}” is answered right more often by learners who score lower (r = ${q.discrimination.toFixed(2)}): its key or wording may mislead.`, values: { r: q.discrimination, title: q.title } });
    if (q.type === 'single-choice' || q.type === 'multiple-choice') {
      for (const o of q.options ?? []) if (!o.correct && o.count === 0) flags.push({ kind: 'unused-distractor', target, message: `nobody picks “${o.text}” in “${q.title}”: a distractor nobody believes adds nothing.`, values: { option: o.text, title: q.title } });
    }
  }
  for (const p of figures.pages) {
    if (p.reached && p.leftHere && p.leftHere / p.reached >= DROP) flags.push({ kind: 'drop-off', target: `page:${p.id}`, message: `${pct(p.leftHere / p.reached)} of the learners who reach “${p.title}” go no further.`, values: { share: p.leftHere / p.reached, title: p.title } });
    if (p.time && p.time.skimmed / p.time.views >= 0.5) flags.push({ kind: 'skimmed', target: `page:${p.id}`, message: `${pct(p.time.skimmed / p.time.views)} of the views of “${p.title}” last under ${SKIM_SECONDS} seconds.`, values: { share: p.time.skimmed / p.time.views, title: p.title, seconds: SKIM_SECONDS } });
  }
  // A media the page waits for (`completion: watched`) that most learners who reach it do not finish: their page never counts.
  for (const m of figures.media) {
    if (m.watched && m.reached && m.completed !== null && m.completed / m.reached < UNWATCHED) flags.push({ kind: 'unwatched', target: `media:${m.id}`, message: `only ${pct(m.completed / m.reached)} of the learners who reach “${m.title}” play it to the end: its page does not count for the others (completion: watched).`, values: { share: m.completed / m.reached, title: m.title } });
  }
  return flags;
}

function learnerRows(data: SourceData, attempts: Attempt[], completed: Set<string>): LearnerRow[] {
  const keys = [...new Set(data.events.map((e) => e.learner))];
  const noPages = data.lacks.includes('pages');
  return keys
    .map((k) => {
      const mine = attempts.filter((a) => a.learner === k);
      const lang = data.events.find((e) => e.learner === k && e.lang)?.lang;
      return {
        learner: data.identities.get(k) || k,
        ...(lang ? { lang } : {}),
        pages: noPages ? null : new Set(data.events.filter((e) => e.learner === k && e.kind === 'page').map((e) => (e as { pageId: string }).pageId)).size,
        completed: noPages ? null : completed.has(k),
        attempts: mine.length,
        bestScore: mine.length ? round(Math.max(...mine.map((a) => a.score)), 1) : null,
      };
    })
    .sort((a, b) => a.learner.localeCompare(b.learner));
}

export function analyse(data: SourceData, index: CourseIndex, options: AnalyseOptions): ReportFigures {
  const minGroup = options.minGroup ?? DEFAULT_MIN_GROUP;
  const guard = (n: number): Count => (n === 0 || n >= minGroup ? n : null);
  const learners = new Set(data.events.map((e) => e.learner));
  const completed = new Set(data.events.filter((e) => e.kind === 'completed').map((e) => e.learner));
  const attempts = attemptsOf(data.events, index);
  const deciding = decidingAssessment(index);
  const answers = data.events.filter((e): e is AnswerEvent => e.kind === 'answer');
  const finished = new Set([...completed, ...attempts.map((a) => a.learner)]);
  const { pages, modules } = pageFigures(data.events, index, guard, finished);
  const questions: QuestionFigures[] = questionFigures(answers, attempts, index, deciding, guard);
  // A Moodle export holds interactions only: it cannot tell who played a video.
  const media = mediaFigures(data.events, index, guard, !data.lacks.includes('pages'));
  const times = data.events.map((e) => e.time).filter((t): t is number => t !== undefined);
  const course = index.course;
  return {
    format: 'coursepack-report/1',
    course: { id: course.id, version: course.version, title: index.text(course.title), lang: index.lang, languages: course.languages },
    source: {
      kind: options.kind,
      learners: learners.size,
      ...(times.length ? { from: new Date(times.reduce((a, b) => Math.min(a, b))).toISOString(), to: new Date(times.reduce((a, b) => Math.max(a, b))).toISOString() } : {}),
      lacks: data.lacks,
      notes: data.notes.map((n) => noteText(reportText(REPORT_SOURCE_LANGUAGE), n)),
      noteKeys: data.notes,
    },
    minGroup,
    completed: data.lacks.includes('pages') ? null : guard(completed.size),
    pages,
    modules,
    questions,
    assessments: assessmentFigures(attempts, index, guard),
    scenarios: scenarioFigures(data.events, index, guard),
    media,
    languages: languageFigures(data, attempts, deciding, completed, guard),
    flags: flagsOf({ questions, pages, media }),
    ...(options.learners ? { learners: learnerRows(data, attempts, completed) } : {}),
  };
}
