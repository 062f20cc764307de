/**
 * Video statements (issue 15) against a real LRS: the media fixture's xAPI package, its own
 * blocks/video.js running in the DOM, a learner who plays, pauses, scrubs (a pause and play within
 * a second, two quick seeks) and plays to the end. happy-dom has no media decoder, so the
 * playhead and the media events are driven by the test, as a browser fires them; what the player
 * makes of them goes to Learning Locker's statement service and is read back.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildInMemory, ROOT } from '../support/build.js';
import { settle } from '../support/dom-lms.js';
import { next, visiblePage } from '../support/learner.js';
import { expectValid, uuidPattern } from './support/course.js';
import { LmsHost } from './support/host.js';
import { launchCmi5, launchXapi } from './support/launch.js';
import { Lrs, type StoredStatement } from './support/lrs.js';

const AUTH = `Basic ${Buffer.from('moodle-key:moodle-secret').toString('base64')}`;
const COURSE_IRI = 'https://learning.example.org/courses/media';
const VIDEO = 'https://w3id.org/xapi/video';
const ext = (name: string) => `${VIDEO}/extensions/${name}`;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A media element whose playhead the test moves, firing the events a browser fires. */
function drive(video: HTMLMediaElement, duration: number) {
  const state: Record<string, number | boolean> = { currentTime: 0, duration, paused: true, ended: false, seeking: false };
  for (const key of Object.keys(state)) Object.defineProperty(video, key, { configurable: true, get: () => state[key], set: (v: number | boolean) => (state[key] = v) });
  const fire = (type: string) => video.dispatchEvent(new (video.ownerDocument.defaultView as unknown as typeof globalThis).Event(type));
  return {
    play() {
      state.paused = false;
      fire('play');
    },
    to(time: number) {
      state.currentTime = time;
      fire('timeupdate');
    },
    pause() {
      state.paused = true;
      fire('pause');
    },
    seek(time: number) {
      state.seeking = true;
      fire('seeking');
      state.currentTime = time;
      state.seeking = false;
      fire('seeked');
    },
    end() {
      state.currentTime = duration;
      state.paused = true;
      state.ended = true;
      fire('pause');
      fire('ended');
    },
  };
}

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('video statements to a real LRS (run with npm run test:lrs)', () => {
  let lrs: Lrs;
  let host: LmsHost;
  let pkg: BuiltPackage;
  let cmi5: BuiltPackage;

  beforeAll(async () => {
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    const result = await buildInMemory(join(ROOT, 'tests/fixtures/courses/media'), { targets: ['xapi'], langs: ['en'] });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    pkg = result.packages[0]!;
    host.serve(pkg.files);
    const built = await buildInMemory(join(ROOT, 'tests/fixtures/courses/media'), { targets: ['cmi5'], langs: ['fr'] });
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    cmi5 = built.packages[0]!;
  });

  afterAll(async () => {
    await host?.stop();
    await lrs?.stop();
  });

  it('a video played to the end: initialized, played, paused, played, seeked, completed; scrubbing sends nothing more; the page counts once ended', async () => {
    const registration = randomUUID();
    const run = await launchXapi(pkg, host, { registration, activityId: COURSE_IRI, auth: AUTH });
    const { doc, player, tracker } = run;
    await next(doc);
    expect(visiblePage(doc)).toBe('watch');
    const video = doc.querySelector<HTMLVideoElement>('#p-watch video')!;
    const v = drive(video, 5.2);

    v.play();
    v.to(2);
    v.pause();
    await wait(1300); // a real pause: recorded once it lasted a second
    v.play();
    v.to(2.3);
    v.pause();
    v.play(); // paused and played again at once: nothing recorded
    v.seek(1);
    v.seek(3); // two seeks in a row: one statement, from 2.3 to 3
    await wait(1300);
    v.to(4);
    expect(player.state.visited).not.toContain('watch');
    v.to(4.5); // within a second of the end while playing: watched
    v.end();
    await settle();
    expect(player.state.visited).toContain('watch');
    run.close();
    await tracker.idle();

    const stored = await lrs.statements(registration);
    const media = stored.filter((s) => s.object.id === `${COURSE_IRI}/media/conversation`);
    expect(media.map((s) => s.verb.id)).toEqual([
      'http://adlnet.gov/expapi/verbs/initialized',
      `${VIDEO}/verbs/played`,
      `${VIDEO}/verbs/paused`,
      `${VIDEO}/verbs/played`,
      `${VIDEO}/verbs/seeked`,
      'http://adlnet.gov/expapi/verbs/completed',
    ]);
    const [initialized, played, paused, , seeked, completed] = media as [StoredStatement, StoredStatement, StoredStatement, StoredStatement, StoredStatement, StoredStatement];
    const session = initialized.context!.extensions![ext('session-id')];
    expect(session).toMatch(uuidPattern);
    for (const s of media) {
      expect(s.object.definition).toEqual({ type: `${VIDEO}/activity-type/video`, name: { en: 'The first meeting (synthetic voice)' } });
      expect(s.context!.registration).toBe(registration);
      expect(s.context!.extensions![ext('session-id')]).toBe(session);
      expect(s.context!.contextActivities!.category).toEqual([{ objectType: 'Activity', id: VIDEO, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }]);
      expect(s.context!.contextActivities!.parent).toEqual([{ objectType: 'Activity', id: `${COURSE_IRI}/pages/watch`, definition: { type: 'http://activitystrea.ms/schema/1.0/page' } }]);
    }
    expect(initialized.context!.extensions).toMatchObject({ [ext('length')]: 5.2, [ext('cc-subtitle-enabled')]: expect.any(Boolean) });
    expect(played.result!.extensions).toEqual({ [ext('time')]: 0 });
    expect(paused.result!.extensions).toEqual({ [ext('time')]: 2, [ext('progress')]: 0.385, [ext('played-segments')]: '0.000[.]2.000' });
    expect(paused.context!.extensions![ext('length')]).toBe(5.2);
    expect(seeked.result!.extensions).toEqual({ [ext('time-from')]: 2.3, [ext('time-to')]: 3 });
    expect(completed.result).toMatchObject({
      completion: true,
      duration: 'PT3.8S',
      extensions: { [ext('time')]: 4.5, [ext('progress')]: 0.731, [ext('played-segments')]: '0.000[.]2.000[,]2.000[.]2.300[,]3.000[.]4.500' },
    });
    expect(completed.context!.extensions![ext('length')]).toBe(5.2);
    expectValid(host.delivered);
  });

  it('cmi5 (fr): the same profile statements as "allowed" statements, with the LMS context template; the AU completes once the video ended', async () => {
    host.serve(cmi5.files);
    const registration = randomUUID();
    const xml = cmi5.files.find((f) => f.path === 'cmi5.xml')!.data.toString();
    const publisherId = /<au id="([^"]+)"/.exec(xml)![1]!;
    const run = await launchCmi5(cmi5, host, { registration, activityId: `https://lms.example.org/cmi5/activities/${randomUUID()}`, publisherId });
    const { doc, tracker } = run;
    await next(doc);
    await next(doc);
    await next(doc);
    await settle();
    const v = drive(doc.querySelector<HTMLVideoElement>('#p-watch video')!, 5.2);
    await next(doc); // the last page: every page shown, but the video's page not yet viewed
    await settle();
    await tracker.idle();
    expect((await lrs.statements(registration)).map((s) => s.verb.id)).not.toContain('http://adlnet.gov/expapi/verbs/completed');
    const back = doc.querySelector<HTMLElement>('.cp-menu a[data-page-link="watch"]')!;
    back.click();
    await settle();
    v.play();
    v.to(4.5);
    v.end();
    await settle();
    run.close();
    await tracker.idle();

    const stored = await lrs.statements(registration);
    const media = stored.filter((s) => s.object.id === 'https://learning.example.org/courses/media/media/conversation');
    expect(media.map((s) => s.verb.id)).toEqual(['http://adlnet.gov/expapi/verbs/initialized', `${VIDEO}/verbs/played`, 'http://adlnet.gov/expapi/verbs/completed']);
    for (const s of media) {
      expect(s.context!.extensions).toMatchObject({ 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': run.sessionId, [ext('session-id')]: expect.stringMatching(uuidPattern) });
      expect(s.context!.contextActivities!.grouping!.map((a) => a.id)).toContain(publisherId);
      expect(s.context!.contextActivities!.category!.map((a) => a.id)).toEqual([VIDEO]);
      expect(s.object.definition).toMatchObject({ name: { fr: 'La première rencontre (voix de synthèse)' } });
    }
    // The AU's own completed comes after the video's: the page counted only once the video ended.
    const auCompleted = stored.findIndex((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed' && s.object.id !== media[2]!.object.id);
    expect(auCompleted).toBeGreaterThan(stored.indexOf(media[2]!));
    expectValid(host.delivered);
  });
});
