/**
 * Scenarios and media (issue 15): which endings learners reached, which choices they took at each
 * node and the path most of them took; who started a video or audio and who played it to its end.
 * Learners are counted once per figure (a learner who restarts a scenario and reaches two endings
 * counts for both, and for the first in `first`); every count follows the `minGroup` rule.
 */
import type { CourseIndex } from './course-index.js';
import type { LearnerEvent, ScenarioFact } from './events.js';
import type { Count, MediaFigures, ScenarioFigures } from './figures.js';

type Guard = (n: number) => Count;
type ScenarioEvent = LearnerEvent & ScenarioFact;

const distinct = (events: LearnerEvent[]) => new Set(events.map((e) => e.learner)).size;

export function scenarioFigures(events: LearnerEvent[], index: CourseIndex, guard: Guard): ScenarioFigures[] {
  return index.scenarios.map(({ scenario: s, pageId }) => {
    const mine = events.filter((e): e is ScenarioEvent => (e.kind === 'scenario-choice' || e.kind === 'scenario-end') && e.scenarioId === s.id);
    const ends = mine.filter((e): e is Extract<ScenarioEvent, { kind: 'scenario-end' }> => e.kind === 'scenario-end');
    const started = guard(distinct(mine));
    const shown = started !== null && mine.length > 0;
    // The first ending of each learner (events are in time order; a source without times keeps its order).
    const firsts = new Map<string, (typeof ends)[number]>();
    for (const e of ends) if (!firsts.has(e.learner)) firsts.set(e.learner, e);
    const endings = s.nodes
      .filter((n) => n.end)
      .map((n) => ({
        id: n.id,
        verdict: n.end!,
        text: index.text(n.line),
        learners: distinct(ends.filter((e) => e.ending === n.id)),
        first: [...firsts.values()].filter((e) => e.ending === n.id).length,
      }));
    // Choices: `responded` statements, or (a SCORM source) the steps of each ending's path.
    const taken = new Map<string, Set<string>>();
    const take = (learner: string, node: string, choice: string) => {
      const key = `${node}\u0000${choice}`;
      taken.set(key, (taken.get(key) ?? new Set()).add(learner));
    };
    for (const e of mine) {
      if (e.kind === 'scenario-choice') take(e.learner, e.node, e.choice);
      else for (const step of e.path) take(e.learner, step.node, step.choice);
    }
    const nodes = s.nodes
      .filter((n) => n.choices.length > 0)
      .map((n) => ({ id: n.id, text: index.text(n.line), choices: n.choices.map((c) => ({ id: c.id, text: index.text(c.text), learners: taken.get(`${n.id}\u0000${c.id}`)?.size ?? 0 })) }));
    const paths = new Map<string, { steps: Array<{ node: string; choice: string }>; ending: string; learners: number }>();
    for (const e of firsts.values()) {
      const key = JSON.stringify([e.path, e.ending]);
      const found = paths.get(key) ?? { steps: e.path, ending: e.ending, learners: 0 };
      found.learners++;
      paths.set(key, found);
    }
    const common = [...paths.values()].sort((a, b) => b.learners - a.learners)[0];
    return {
      id: s.id,
      title: index.text(s.title),
      pageId,
      started,
      ended: guard(distinct(ends)),
      endings: shown ? endings : null,
      nodes: shown ? nodes : null,
      commonPath: shown && common && guard(common.learners) !== null ? common : null,
    };
  });
}

export function mediaFigures(events: LearnerEvent[], index: CourseIndex, guard: Guard, hasMedia: boolean): MediaFigures[] {
  return index.media.map(({ media: m, pageId }) => {
    const mine = events.filter((e): e is Extract<LearnerEvent, { kind: 'media' }> => e.kind === 'media' && e.mediaId === m.id);
    const reached = distinct(events.filter((e) => e.kind === 'page' && e.pageId === pageId));
    return {
      id: m.id,
      kind: m.type,
      title: index.text(m.title),
      pageId,
      watched: m.completion === 'watched',
      reached: hasMedia ? guard(reached) : null,
      started: hasMedia ? guard(distinct(mine.filter((e) => e.action === 'initialized' || e.action === 'played'))) : null,
      completed: hasMedia ? guard(distinct(mine.filter((e) => e.action === 'completed'))) : null,
    };
  });
}
