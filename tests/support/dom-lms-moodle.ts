/**
 * A Moodle site in a DOM test: each `enter()` launches a built SCORM package the way Moodle would
 * after the attempts it holds (moodle-lms.ts: mode, entry, loaded data), with scorm-again under the
 * strict wrappers, and keeps what each save delivers; `leave()` unloads it as Moodle's "Exit
 * activity" does (the window is closing: the last save travels as a beacon).
 */
import * as scorm12Module from 'scorm-again/scorm12';
import type { BuiltPackage } from '../../src/package/build.js';
import { launch, settle, type Launch, type Scorm12API } from './dom-lms.js';
import { launch2004, manifestThreshold, newLms2004, type Launch2004 } from './dom-lms-2004.js';
import { memoryTransport, MoodleScorm12, MoodleScorm2004, moodleLaunch, type MoodleLaunch, type MoodleSave, type Tracks } from './moodle-lms.js';

const Scorm12APIClass = (scorm12Module as unknown as { Scorm12API: new (settings: object) => Scorm12API & { loadFromFlattenedJSON(json: object, element?: string): void } }).Scorm12API;

/** Elements the runtime cannot take as data (write-only or set by the LMS itself). */
const NOT_LOADED = /^cmi\.(exit|session_time|total_time|entry|core\.(exit|session_time|total_time|entry))$/;

export interface MoodleSession {
  moodle: MoodleLaunch;
  run: Launch | Launch2004;
  api: MoodleScorm12 | MoodleScorm2004;
}

export class MoodleSite {
  /** Moodle's tracks per attempt, oldest first. */
  readonly attempts: Tracks[] = [];
  /** Every save of every session, in order. */
  readonly saves: MoodleSave[] = [];

  constructor(readonly pkg: BuiltPackage) {}

  get standard(): 'scorm12' | 'scorm2004' {
    return this.pkg.target === 'scorm2004' ? 'scorm2004' : 'scorm12';
  }

  async enter(options: { newAttempt?: boolean } = {}): Promise<MoodleSession> {
    const moodle = moodleLaunch(this.standard, this.attempts, options);
    const tracks = (this.attempts[moodle.attempt - 1] ??= {});
    const transport = memoryTransport(this.standard, tracks);
    const data = Object.fromEntries(Object.entries(moodle.elements).filter(([k]) => !NOT_LOADED.test(k)));
    if (this.standard === 'scorm2004') {
      const lms = newLms2004({ threshold: manifestThreshold(this.pkg), mode: moodle.mode, credit: moodle.credit });
      (lms as unknown as { loadFromFlattenedJSON(json: object, element?: string): void }).loadFromFlattenedJSON(data, '');
      lms.cmi.entry = moodle.entry;
      if (moodle.elements['cmi.total_time']) lms.cmi.total_time = moodle.elements['cmi.total_time'];
      let api!: MoodleScorm2004;
      const run = await launch2004(this.pkg, lms, { wrap: (l) => (api = new MoodleScorm2004(l, moodle, transport)) });
      return { moodle, run, api };
    }
    const lms = new Scorm12APIClass({ logLevel: 5, autocommit: false });
    lms.loadFromFlattenedJSON(data, '');
    const core = lms.cmi.core;
    core.student_id = 'learner-1';
    core.student_name = 'Learner, Test';
    core.entry = moodle.entry;
    core.lesson_mode = moodle.mode;
    core.credit = moodle.credit;
    if (moodle.elements['cmi.core.total_time']) core.total_time = moodle.elements['cmi.core.total_time'];
    let api!: MoodleScorm12;
    const run = await launch(this.pkg, lms, { wrap: (l) => (api = new MoodleScorm12(l, moodle, transport)) });
    return { moodle, run, api };
  }

  /** The learner leaves through Moodle's "Exit activity": the window closes, the SCO gets pagehide. */
  async leave(session: MoodleSession): Promise<void> {
    session.api.closing = true;
    session.run.window.dispatchEvent(new session.run.window.Event('pagehide'));
    await settle();
    this.saves.push(...session.api.saves);
  }
}
