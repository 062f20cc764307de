/** The size of Moodle's saves (src/package/save-size.ts) and the Moodle-faithful LMS the tests use. */
import * as scorm2004Module from 'scorm-again/scorm2004';
import { describe, expect, it } from 'vitest';
import { BEACON_LIMIT, moodleFieldName, multipartBytes, urlencodedBytes, type FormField } from '../../src/package/save-size.js';
import { addTime, memoryTransport, MoodleScorm2004, moodleLaunch, type Tracks } from '../support/moodle-lms.js';
import type { Scorm2004Runtime } from '../support/strict-scorm2004.js';

const Scorm2004API = (scorm2004Module as unknown as { Scorm2004API: new (settings: object) => Scorm2004Runtime }).Scorm2004API;

describe('multipart and urlencoded sizes', () => {
  it('match the bodies a real FormData and URLSearchParams encode to', async () => {
    const fields: FormField[] = [
      { name: 'cmi__interactions__0__description', value: 'Qu\u2019est-ce qu\u2019une « formation » ? 😀' },
      { name: 'cmi__suspend_data', value: '{"v":1,"p":"abcd"}' },
      { name: 'unloading', value: '1' },
    ];
    const form = new FormData();
    for (const f of fields) form.append(f.name, f.value);
    const response = new Response(form);
    const boundary = /boundary=(.+)$/.exec(response.headers.get('content-type') ?? '')![1]!;
    const body = new Uint8Array(await response.arrayBuffer());
    expect(multipartBytes(fields, boundary.length)).toBe(body.length);
    expect(urlencodedBytes(fields)).toBe(new URLSearchParams(fields.map((f) => [f.name, f.value])).toString().replace(/\+/g, '%20').length);
  });

  it('names elements as Moodle posts them', () => {
    expect(moodleFieldName('cmi.interactions.12.correct_responses.0.pattern', 'scorm2004')).toBe('cmi__interactions__12__correct_responses__0__pattern');
    expect(moodleFieldName('cmi.interactions.12.correct_responses.0.pattern', 'scorm12')).toBe('cmi__interactions_12__correct_responses_0__pattern');
    expect(moodleFieldName('cmi.core.lesson_status', 'scorm12')).toBe('cmi__core__lesson_status');
  });
});

describe('the Moodle-faithful LMS', () => {
  it.each([
    ['first launch', 'scorm2004', [], {}, { attempt: 1, mode: 'normal', entry: 'ab-initio' }],
    ['2004 after suspend', 'scorm2004', [{ 'cmi.exit': 'suspend', 'cmi.completion_status': 'incomplete' }], {}, { attempt: 1, mode: 'normal', entry: 'resume' }],
    ['2004 after exit normal, not completed: same attempt, nothing loaded', 'scorm2004', [{ 'cmi.exit': 'normal', 'cmi.completion_status': 'incomplete', 'cmi.suspend_data': 'x' }], {}, { attempt: 1, mode: 'normal', entry: 'ab-initio', elements: {} }],
    ['2004 failed but incomplete: still open', 'scorm2004', [{ 'cmi.exit': 'suspend', 'cmi.completion_status': 'incomplete', 'cmi.success_status': 'failed' }], {}, { attempt: 1, mode: 'normal' }],
    ['2004 completed: review', 'scorm2004', [{ 'cmi.exit': 'suspend', 'cmi.completion_status': 'completed' }], {}, { attempt: 1, mode: 'review', credit: 'no-credit', entry: 'resume' }],
    ['2004 completed, new attempt', 'scorm2004', [{ 'cmi.exit': 'suspend', 'cmi.completion_status': 'completed' }], { newAttempt: true }, { attempt: 2, mode: 'normal', entry: 'ab-initio' }],
    ['1.2 failed: review, data loaded', 'scorm12', [{ 'cmi.core.lesson_status': 'failed', 'cmi.core.exit': '', 'cmi.suspend_data': 'x' }], {}, { mode: 'review', entry: '', elements: { 'cmi.suspend_data': 'x' } }],
    ['1.2 incomplete after suspend', 'scorm12', [{ 'cmi.core.lesson_status': 'incomplete', 'cmi.core.exit': 'suspend' }], {}, { mode: 'normal', entry: 'resume' }],
  ] as const)('launch: %s', (_name, standard, attempts, options, expected) => {
    expect(moodleLaunch(standard, attempts as unknown as Tracks[], options)).toMatchObject(expected);
  });

  it('adds durations as Moodle does', () => {
    expect(addTime('scorm2004', 'PT1H59M59.5S', 'PT0.6S')).toBe('PT2H0M0.1S');
    expect(addTime('scorm12', '00:59:59.50', '0000:00:00.60')).toBe('01:00:00.10');
  });

  function session(closing: boolean): { api: MoodleScorm2004; tracks: Tracks } {
    const tracks: Tracks = {};
    const api = new MoodleScorm2004(new Scorm2004API({ logLevel: 5, autocommit: false }), moodleLaunch('scorm2004', []), memoryTransport('scorm2004', tracks));
    api.closing = closing;
    api.Initialize('');
    return { api, tracks };
  }

  it('resends every interaction at each commit and stores what arrives', () => {
    const { api, tracks } = session(false);
    api.SetValue('cmi.interactions.0.id', 'q1');
    api.SetValue('cmi.location', 'p1');
    api.Commit('');
    api.SetValue('cmi.location', 'p2');
    api.Commit('');
    const names = (n: number) => api.saves[n]!.fields.map((f) => f.name);
    expect(names(1)).toContain('cmi__interactions__0__id');
    expect(tracks).toMatchObject({ 'cmi.interactions.0.id': 'q1', 'cmi.location': 'p2' });
    expect(api.saves.every((s) => !s.beacon && s.delivered)).toBe(true);
  });

  it('sends the unload save as a beacon, and a beacon above 64 KiB never arrives', () => {
    const { api, tracks } = session(true);
    api.SetValue('cmi.suspend_data', 'x'.repeat(60000));
    for (let n = 0; n < 10; n++) {
      api.SetValue(`cmi.interactions.${n}.id`, `q${n}`);
      api.SetValue(`cmi.interactions.${n}.description`, 'd'.repeat(250));
    }
    api.SetValue('cmi.session_time', 'PT1M');
    api.Terminate('');
    const [save] = api.saves;
    expect(save).toMatchObject({ kind: 'terminate', beacon: true, delivered: false });
    expect(save!.bytes).toBeGreaterThan(BEACON_LIMIT);
    expect(tracks).toEqual({});
    expect(save!.fields.find((f) => f.name === 'cmi__total_time')?.value).toBe('PT0H1M0S');
  });
});
