/** Funnel and time per page. */
import type { CourseIndex } from './course-index.js';
import type { LearnerEvent } from './events.js';
import type { Count, ModuleFigures, PageFigures } from './figures.js';
import { quartiles, round } from './stats.js';

/** Below this many seconds a view counts as skimmed. */
export const SKIM_SECONDS = 5;

/**
 * What a learner does on a page without leaving it (issue 15): a scenario's choices and ending, a
 * media's played/paused/completed (a pause is sent a second after it happens, when the page may
 * already have changed). None of them ends the time on a page.
 */
const WITHIN_PAGE = new Set<LearnerEvent['kind']>(['scenario-choice', 'scenario-end', 'media']);

/**
 * Seconds from each page view to the learner's next step in the same session (answers to the
 * page's own checks, scenario choices and media events do not end it). Views followed by an
 * assessment answer are left out.
 */
export function pageViews(events: LearnerEvent[], index: CourseIndex): Map<string, Array<{ learner: string; seconds: number }>> {
  const views = new Map<string, Array<{ learner: string; seconds: number }>>();
  const bySession = new Map<string, LearnerEvent[]>();
  for (const e of events) {
    const key = `${e.learner}\u0000${e.session}`;
    let list = bySession.get(key);
    if (!list) bySession.set(key, (list = []));
    list.push(e);
  }
  for (const list of bySession.values()) {
    list.forEach((e, i) => {
      if (e.kind !== 'page' || e.time === undefined) return;
      let end: LearnerEvent | undefined;
      for (let j = i + 1; j < list.length && !end; j++) {
        const n = list[j]!;
        if (!(n.kind === 'answer' && !n.assessmentId && index.questions.get(n.questionId)?.pageId === e.pageId) && !WITHIN_PAGE.has(n.kind)) end = n;
      }
      // The player records no step when the assessment opens: an assessment answer (sent at submission) does not tell when the page was left.
      if (end?.time === undefined || (end.kind === 'answer' && end.assessmentId)) return;
      let bucket = views.get(e.pageId);
      if (!bucket) views.set(e.pageId, (bucket = []));
      bucket.push({ learner: e.learner, seconds: (end.time - e.time) / 1000 });
    });
  }
  return views;
}

/**
 * `finished`: learners who completed the course or submitted an assessment attempt. They did not
 * leave the content, whatever their result (cmi5 courses with one AU per module report no course
 * completion at all).
 */
export function pageFigures(events: LearnerEvent[], index: CourseIndex, guard: (n: number) => Count, finished: Set<string>): { pages: PageFigures[]; modules: ModuleFigures[] } {
  const reached = new Map<string, Set<string>>();
  const furthest = new Map<string, number>();
  const order = new Map(index.pages.map((p) => [p.id, p.index]));
  for (const e of events) {
    if (e.kind !== 'page' || !order.has(e.pageId)) continue;
    reached.set(e.pageId, (reached.get(e.pageId) ?? new Set()).add(e.learner));
    furthest.set(e.learner, Math.max(furthest.get(e.learner) ?? -1, order.get(e.pageId)!));
  }
  const leftAt = new Map<number, number>();
  for (const [learner, i] of furthest) if (!finished.has(learner)) leftAt.set(i, (leftAt.get(i) ?? 0) + 1);
  const views = pageViews(events, index);
  const pages = index.pages.map((p): PageFigures => {
    const list = views.get(p.id) ?? [];
    const viewers = new Set(list.map((v) => v.learner)).size;
    const q = quartiles(list.map((v) => v.seconds));
    const time = list.length && guard(viewers) !== null ? { views: list.length, q1: round(q.q1, 1), median: round(q.median, 1), q3: round(q.q3, 1), skimmed: list.filter((v) => v.seconds < SKIM_SECONDS).length } : null;
    return { id: p.id, moduleId: p.moduleId, title: p.title, reached: guard(reached.get(p.id)?.size ?? 0), leftHere: guard(leftAt.get(p.index) ?? 0), time };
  });
  const modules = index.modules.map((m): ModuleFigures => {
    const learners = new Set(m.pageIds.flatMap((id) => [...(reached.get(id) ?? [])]));
    const indexes = new Set(m.pageIds.map((id) => order.get(id)!));
    let left = 0;
    for (const [i, n] of leftAt) if (indexes.has(i)) left += n;
    return { id: m.id, title: m.title, reached: guard(learners.size), leftHere: guard(left) };
  });
  return { pages, modules };
}
