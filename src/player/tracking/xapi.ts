/**
 * xAPI adapter for a Tin Can launch (LMS-RULES.md rules 30–33; Moodle's mod_tincanlaunch).
 * Reads `endpoint`, `auth`, `actor`, `registration` and `activity_id` from the launch URL and
 * sends, with the registration and the course as grouping: `initialized` (and `resumed` when
 * there is saved state), `experienced` per page, `answered` per question, `passed`/`failed` with
 * the score after each assessment attempt, `completed` once, and on leaving `suspended` (unless the
 * course is done) and `terminated` with the session duration. Bookmark and state go to the State API.
 */
import type { LearningEvent, PlayerData } from '../core/types.js';
import type { Snapshot, StartInfo, Tracker } from './tracker.js';
import { lrsClientIn } from './xapi-client.js';
import { LrsSession, outcomeScore, readLaunchParams, type LrsOptions } from './xapi-session.js';

export class XapiTracker implements Tracker {
  readonly name = 'xAPI';
  onProblem?: (message: 'save-failed' | 'saved') => void;
  session: LrsSession | null = null;
  private finished = false;
  private attemptSubmitted = false;

  constructor(
    private readonly win: Window,
    private readonly data: PlayerData,
    private readonly options: LrsOptions = {},
  ) {}

  async start(): Promise<StartInfo | null> {
    const launch = readLaunchParams(this.win.location.search);
    if (!launch.endpoint || !launch.actorJson) return null;
    const win = this.win;
    const client = lrsClientIn(win, launch.endpoint, launch.auth ?? '', this.options.timeoutMs);
    const activityId = launch.activity_id || (await this.activityFromManifest());
    if (!activityId) return null;
    const session = new LrsSession({
      win,
      client,
      actor: launch.actorJson,
      ...(launch.registration ? { registration: launch.registration } : {}),
      data: this.data,
      courseIri: activityId,
      courseObject: activityId,
      describeCourse: true,
      stateActivity: activityId,
      options: this.options,
      onProblem: () => this.onProblem?.('save-failed'),
    });
    this.session = session;
    const saved = await session.store.load();
    session.reported = { ...(saved?.reported ?? {}) };
    session.send(session.builder.course('initialized'));
    if (saved?.state) session.send(session.builder.course('resumed'));
    const recorded: StartInfo['recorded'] = {};
    if (session.reported.completed) recorded.completion = 'completed';
    if (session.reported.passed) recorded.success = 'passed';
    return { savedState: saved?.state || null, location: saved?.location || null, recorded, mode: 'normal', credit: true };
  }

  /** Without `activity_id` (older launchers), the launched activity is the first one of tincan.xml. */
  private async activityFromManifest(): Promise<string | null> {
    try {
      const response = await this.win.fetch(new URL('tincan.xml', this.win.location.href).href, { cache: 'no-store' });
      const match = /<activity\b[^>]*\bid="([^"]+)"/.exec(await response.text());
      return match ? match[1]!.replace(/&amp;/g, '&') : null;
    } catch {
      return null;
    }
  }

  async record(event: LearningEvent): Promise<void> {
    const session = this.session;
    if (!session || this.finished) return;
    if (event.type === 'answered' && event.context === 'assessment') this.attemptSubmitted = true;
    session.send(session.eventStatement(event));
  }

  async save(snapshot: Snapshot): Promise<void> {
    if (!this.session || this.finished) return;
    this.report(snapshot);
    // The learner never waits for the LRS: the document goes out in the background (xapi-state.ts).
    void this.session.saveState(snapshot);
  }

  /** Leaving from the Exit button ends the session like closing the window does. */
  exit(snapshot: Snapshot): Promise<void> {
    return this.finish(snapshot);
  }

  async finish(snapshot: Snapshot): Promise<void> {
    const session = this.session;
    if (!session || this.finished) return;
    session.ending = true;
    this.report(snapshot);
    this.finished = true;
    const b = session.builder;
    if (!snapshot.outcome.done) session.send(b.course('suspended'));
    session.send(b.course('terminated', { duration: session.duration() }));
    await session.exit(snapshot);
  }

  /** Resolves when every statement and the state are delivered (or waiting for a retry). */
  idle(): Promise<void> {
    return this.session?.idle() ?? Promise.resolve();
  }

  /** `passed`/`failed` after an attempt (passed once), `completed` once per registration. */
  private report({ outcome }: Snapshot): void {
    const session = this.session!;
    const b = session.builder;
    const submitted = this.attemptSubmitted;
    this.attemptSubmitted = false;
    const score = outcomeScore(outcome, false);
    const scored = score ? { score } : {};
    if (outcome.success === 'passed' && !session.reported.passed) {
      session.reported.passed = true;
      session.send(b.course('passed', { ...scored, success: true, duration: session.duration() }));
    } else if (outcome.success === 'failed' && submitted) {
      session.send(b.course('failed', { ...scored, success: false, duration: session.duration() }));
    }
    if (outcome.completion === 'completed' && !session.reported.completed) {
      session.reported.completed = true;
      session.send(b.course('completed', { completion: true, duration: session.duration() }));
    }
  }
}
