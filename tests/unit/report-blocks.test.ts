/**
 * `coursepack report` on scenarios and media (issue 15), from statements the player's own
 * StatementBuilder makes: generated learners (fast-check) walk the scenario fixture at random
 * (restarting, leaving mid-way) and play the media fixture's video and audio (or not); the report's
 * endings, choices, common path, started and completed are compared with a count made here from
 * the walks themselves. Media and scenario statements do not end the time on a page, and a media's
 * `completed` is not the course's.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import type { MediaEvent, PlayerData, PlayerScenario, PlayerScenarioNode, ScenarioEnding } from '../../src/player/core/types.js';
import { courseIri } from '../../src/player/tracking/xapi-iris.js';
import { StatementBuilder, type Statement } from '../../src/player/tracking/xapi-statements.js';
import { analyse } from '../../src/report/analyse.js';
import { indexCourse } from '../../src/report/course-index.js';
import { fromStatements, type XapiStatement } from '../../src/report/from-statements.js';
import { renderHtml } from '../../src/report/html.js';
import { buildPackage, fileText, ROOT } from '../support/build.js';

const SCENARIO = join(ROOT, 'tests/fixtures/courses/scenario');
const MEDIA = join(ROOT, 'tests/fixtures/courses/media');
const BASE = 'https://learning.example.org/courses/';
const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 60);
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1515);

/** The player's data as the xAPI package embeds it, with the course IRI its statements use. */
async function playerData(course: string): Promise<PlayerData> {
  const pkg = await buildPackage(course, 'xapi', 'en');
  const html = fileText(pkg, 'index.html');
  const data = JSON.parse(/<script type="application\/json" id="cp-data">([\s\S]*?)<\/script>/.exec(html)![1]!) as PlayerData;
  IRIS.set(data, courseIri(BASE, loadCourse(course).course!.id));
  return data;
}
const IRIS = new WeakMap<PlayerData, string>();

/** One learner's statements, a second apart, from the player's StatementBuilder. */
function learnerStatements(data: PlayerData, n: number, act: (b: StatementBuilder, tick: () => Date) => Statement[]): Statement[] {
  let clock = Date.UTC(2026, 8, 1, 8) + n * 3_600_000;
  const tick = () => new Date((clock += 1000));
  const iri = IRIS.get(data)!;
  const builder = new StatementBuilder({ actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: `learner-${n}` } }, registration: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, data, courseIri: iri, courseObject: iri, describeCourse: true, now: () => new Date(clock) });
  return act(builder, tick);
}

/** A play: choice positions taken from the start, until an ending or until the list runs out (left mid-way). */
type Play = number[];

function walk(s: PlayerScenario, play: Play): { steps: Array<{ node: string; choice: string }>; ending?: PlayerScenarioNode } {
  const byId = new Map(s.nodes.map((x) => [x.id, x]));
  let at = byId.get(s.start)!;
  const steps: Array<{ node: string; choice: string }> = [];
  for (const pick of play) {
    if (at.end) break;
    const choice = at.choices[pick % at.choices.length]!;
    steps.push({ node: at.id, choice: choice.id });
    at = byId.get(choice.next)!;
  }
  return at.end ? { steps, ending: at } : { steps };
}

const RESULT = { good: 'correct', poor: 'incorrect', neutral: 'neutral' } as const;

function scenarioStatements(data: PlayerData, n: number, plays: Play[]): Statement[] {
  const s = data.scenarios![0]!;
  return learnerStatements(data, n, (b, tick) => {
    const out = [b.experienced(s.page, 'Practice')];
    let ended = false;
    for (const play of plays) {
      const { steps, ending } = walk(s, play);
      for (const step of steps) out.push(b.scenarioChoice({ type: 'scenario-choice', scenario: s, node: step.node, choice: step.choice, timestamp: tick() }));
      if (ending) {
        out.push(b.scenarioEnded({ type: 'scenario-ended', scenario: s, steps, ending: ending as PlayerScenarioNode & { end: ScenarioEnding }, result: RESULT[ending.end!], timestamp: tick(), repeat: ended }));
        ended = true;
      }
    }
    return out;
  });
}

const asXapi = (list: Statement[]) => JSON.parse(JSON.stringify(list)) as XapiStatement[];

describe('report: scenarios', () => {
  it('endings reached, first endings, choices taken per node and the most common path match the walks (generated learners)', async () => {
    const data = await playerData(SCENARIO);
    const s = data.scenarios![0]!;
    const course = loadCourse(SCENARIO).course!;
    const index = indexCourse(course, 'en');
    const learners = fc.array(fc.array(fc.array(fc.nat({ max: 5 }), { maxLength: 8 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(learners, fc.integer({ min: 1, max: 4 }), (plays, minGroup) => {
        const statements = plays.flatMap((p, n) => scenarioStatements(data, n, p));
        const figures = analyse(fromStatements(asXapi(statements), index), index, { kind: 'statements', minGroup }).scenarios[0]!;

        // The count made here, from the walks.
        const walks = plays.map((p) => p.map((play) => walk(s, play)));
        const guard = (x: number) => (x === 0 || x >= minGroup ? x : null);
        const started = walks.filter((w) => w.some((x) => x.steps.length > 0)).length;
        const ended = walks.filter((w) => w.some((x) => x.ending)).length;
        expect(figures.started).toBe(guard(started));
        expect(figures.ended).toBe(guard(ended));
        if (guard(started) === null || started === 0) {
          expect(figures.endings).toBeNull();
          expect(figures.nodes).toBeNull();
          return;
        }
        for (const e of figures.endings!) {
          expect(e.learners, e.id).toBe(walks.filter((w) => w.some((x) => x.ending?.id === e.id)).length);
          expect(e.first, e.id).toBe(walks.filter((w) => w.find((x) => x.ending)?.ending?.id === e.id).length);
        }
        expect(figures.endings!.map((e) => e.id)).toEqual(s.nodes.filter((x) => x.end).map((x) => x.id));
        for (const node of figures.nodes!) {
          for (const c of node.choices) expect(c.learners, `${node.id}.${c.id}`).toBe(walks.filter((w) => w.some((x) => x.steps.some((st) => st.node === node.id && st.choice === c.id))).length);
        }
        const firstPaths = walks.map((w) => w.find((x) => x.ending)).filter((x) => x !== undefined).map((x) => JSON.stringify([x.steps, x.ending!.id]));
        const most = Math.max(0, ...firstPaths.map((p) => firstPaths.filter((q) => q === p).length));
        if (most === 0 || guard(most) === null) expect(figures.commonPath).toBeNull();
        else {
          expect(figures.commonPath!.learners).toBe(most);
          expect(firstPaths.filter((p) => p === JSON.stringify([figures.commonPath!.steps, figures.commonPath!.ending])).length).toBe(most);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('choices and endings do not end the time on the scenario page; the HTML has the section with the texts of the report language', async () => {
    const data = await playerData(SCENARIO);
    const course = loadCourse(SCENARIO).course!;
    // Five learners: at the page, 40 s of choices, then the next page.
    const statements = [0, 1, 2, 3, 4].flatMap((n) =>
      learnerStatements(data, n, (b, tick) => {
        const s = data.scenarios![0]!;
        const out = [b.experienced('practice', 'Practice')];
        const steps = [{ node: 'opening', choice: 'reassure' }, { node: 'skills', choice: 'ask-projects' }];
        for (const step of steps) {
          for (let i = 0; i < 10; i++) tick();
          out.push(b.scenarioChoice({ type: 'scenario-choice', scenario: s, node: step.node, choice: step.choice, timestamp: tick() }));
        }
        out.push(b.scenarioEnded({ type: 'scenario-ended', scenario: s, steps, ending: s.nodes.find((x) => x.id === 'good-end') as PlayerScenarioNode & { end: ScenarioEnding }, result: 'correct', timestamp: tick(), repeat: false }));
        for (let i = 0; i < 17; i++) tick();
        out.push(b.experienced('before', 'Before'));
        return out;
      }),
    );
    for (const lang of ['en', 'fr']) {
      const index = indexCourse(course, lang);
      const figures = analyse(fromStatements(asXapi(statements), index), index, { kind: 'statements' });
      expect(figures.pages.find((p) => p.id === 'practice')!.time!.median).toBe(40);
      expect(figures.scenarios[0]!.commonPath).toEqual({ steps: [{ node: 'opening', choice: 'reassure' }, { node: 'skills', choice: 'ask-projects' }], ending: 'good-end', learners: 5 });
      const html = renderHtml(figures);
      expect(html).toContain('<h2 id="scenarios">Scenarios</h2>');
      const title = course.modules[0]!.pages[1]!.blocks.find((b) => b.type === 'scenario')!.title[lang]!;
      expect(html).toContain(lang === 'en' ? title : `<span lang="fr">${title.replace(/'/g, '&#39;')}</span>`);
    }
  });
});

function mediaEvent(data: PlayerData, id: string, action: MediaEvent['action']): MediaEvent {
  const block = id === 'conversation' ? { kind: 'video' as const, pageId: 'watch' } : { kind: 'audio' as const, pageId: 'listen' };
  return { type: 'media', action, media: { id, title: id, ...block }, time: action === 'completed' ? 5.4 : 0, progress: action === 'completed' ? 1 : 0, segments: '', length: 5.4, ...(action === 'completed' ? { playedMs: 5400 } : {}) };
}

describe('report: video and audio', () => {
  it('reached, started and completed per media match the generated learners; a media completed is not the course completed; a watched video most do not finish is flagged', async () => {
    const data = await playerData(MEDIA);
    const course = loadCourse(MEDIA).course!;
    const index = indexCourse(course, 'en');
    // Per learner and media: 0 not opened, 1 page opened, 2 started, 3 paused, 4 played to the end.
    const learner = fc.record({ conversation: fc.nat({ max: 4 }), narration: fc.nat({ max: 4 }) });
    fc.assert(
      fc.property(fc.array(learner, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 3 }), (list, minGroup) => {
        const statements = list.flatMap((how, n) =>
          learnerStatements(data, n, (b, tick) => {
            const out: Statement[] = [];
            for (const id of ['conversation', 'narration'] as const) {
              const level = how[id];
              if (level >= 1) out.push(b.experienced(id === 'conversation' ? 'watch' : 'listen', id));
              tick();
              const actions: Array<MediaEvent['action']> = level >= 2 ? ['initialized', 'played'] : [];
              if (level >= 3) actions.push('paused');
              if (level >= 4) actions.push('played', 'completed');
              for (const action of actions) {
                out.push(b.media(mediaEvent(data, id, action), `session-${n}`));
                tick();
              }
            }
            return out;
          }),
        );
        const figures = analyse(fromStatements(asXapi(statements), index), index, { kind: 'statements', minGroup });
        const guard = (x: number) => (x === 0 || x >= minGroup ? x : null);
        for (const m of figures.media) {
          const levels = list.map((how) => how[m.id as 'conversation' | 'narration']);
          expect({ reached: m.reached, started: m.started, completed: m.completed }, m.id).toEqual({
            reached: guard(levels.filter((l) => l >= 1).length),
            started: guard(levels.filter((l) => l >= 2).length),
            completed: guard(levels.filter((l) => l >= 4).length),
          });
        }
        expect(figures.media.map((m) => [m.id, m.kind, m.watched])).toEqual([['conversation', 'video', true], ['narration', 'audio', false]]);
        // No course `completed` statement was sent: the media's do not count as the course's.
        expect(figures.completed).toBe(0);
        // The video must be watched: flagged when fewer than half of those reaching it finish it (counts shown).
        const video = list.map((how) => how.conversation);
        const [reached, completed] = [video.filter((l) => l >= 1).length, video.filter((l) => l >= 4).length];
        const flagged = reached > 0 && guard(reached) !== null && guard(completed) !== null && completed / reached < 0.5;
        expect(figures.flags.filter((f) => f.kind === 'unwatched').map((f) => f.target)).toEqual(flagged ? ['media:conversation'] : []);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('the HTML lists each media with its counts', async () => {
    const data = await playerData(MEDIA);
    const index = indexCourse(loadCourse(MEDIA).course!, 'en');
    const statements = [0, 1].flatMap((n) => learnerStatements(data, n, (b) => [b.experienced('watch', 'Watch'), b.media(mediaEvent(data, 'conversation', 'initialized'), 's'), b.media(mediaEvent(data, 'conversation', 'completed'), 's')]));
    const html = renderHtml(analyse(fromStatements(asXapi(statements), index), index, { kind: 'statements', minGroup: 1 }));
    expect(html).toContain('<h2 id="media">Video and audio</h2>');
    expect(html).toMatch(/The first meeting \(synthetic voice\)<\/th><td>video<\/td><td>yes<\/td><td class="num">2<\/td><td class="num">2<\/td><td class="num">2<\/td>/);
  });
});
