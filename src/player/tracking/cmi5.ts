/**
 * cmi5 adapter (LMS-RULES.md rules 35–36; the cmi5 spec §§7–11), driven through `@xapi/xapi`.
 * Launch: read `endpoint`, `fetch`, `actor`, `registration`, `activityId`; POST to `fetch` once for
 * the token; read `LMS.LaunchData` (contextTemplate, launchMode, masteryScore, moveOn, returnURL,
 * launchParameters) and the learner preferences. Then, in the order and number the spec allows:
 * - `initialized` first; `terminated` last, with the session duration;
 * - `completed` once per registration, when every required page was viewed;
 * - `passed` once per registration, `failed` never after it, at most one of the two per session,
 *   judged against the LMS's masteryScore when it gives one, a score only on these two;
 * - "cmi5 allowed" `experienced` and `answered` statements in between (no cmi5 category);
 * - in Browse and Review mode only `initialized` and `terminated`, and no state is written.
 * Every statement carries the context template (session id, publisher id); defined ones add the
 * cmi5 category, and the moveOn category when they carry success or completion.
 */
import { visitedPages } from '../core/state.js';
import type { LearningEvent, Outcome, PlayerData } from '../core/types.js';
import type { LaunchMode, Snapshot, StartInfo, Tracker } from './tracker.js';
import { lrsClientIn } from './xapi-client.js';
import { LrsSession, outcomeScore, readLaunchParams, type LrsOptions } from './xapi-session.js';
import type { Activity, Context, Statement, StatementResult } from './xapi-statements.js';

export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
  launchData: 'LMS.LaunchData',
  preferences: 'cmi5LearnerPreferences',
} as const;

export interface LaunchData {
  contextTemplate: Context;
  launchMode: 'Normal' | 'Browse' | 'Review';
  launchMethod?: string;
  launchParameters?: string;
  masteryScore?: number;
  moveOn?: string;
  returnURL?: string;
}

const activity = (id: string): Activity => ({ objectType: 'Activity', id });

export class Cmi5Tracker implements Tracker {
  readonly name = 'cmi5';
  onProblem?: (message: 'save-failed' | 'saved') => void;
  session: LrsSession | null = null;
  launchData: LaunchData | null = null;
  /** Module or assessment this AU covers (cmi5.xml `aus: module`); the whole course otherwise. */
  part: string | undefined;
  private mode: LaunchMode = 'normal';
  private finished = false;
  private finishing: Promise<void> | null = null;
  private attemptSubmitted = false;
  /** The cmi5 defined verdict sent in this session (at most one of passed/failed). */
  private verdict: 'passed' | 'failed' | null = null;
  /** A failed attempt with attempts left: reported at the end of the session unless a pass follows. */
  private pendingFailed: Outcome | null = null;

  constructor(
    private readonly win: Window,
    private readonly data: PlayerData,
    private readonly options: LrsOptions = {},
  ) {}

  async start(): Promise<StartInfo | null> {
    const launch = readLaunchParams(this.win.location.search);
    const { endpoint, fetch: fetchUrl, registration, activityId } = launch;
    if (!endpoint || !fetchUrl || !launch.actorJson || !registration || !activityId) return null;
    const win = this.win;
    const token = await this.fetchToken(fetchUrl);
    if (!token) return null;
    const client = lrsClientIn(win, endpoint, `Basic ${token}`, this.options.timeoutMs);
    const actor = launch.actorJson;
    let launchData: LaunchData | null = null;
    try {
      launchData = await client.getState<LaunchData>({ activityId, agent: actor, registration, stateId: CMI5.launchData });
    } catch (error) {
      console.error('coursepack: cmi5 LMS.LaunchData could not be read', error);
    }
    if (!launchData?.contextTemplate) return null;
    this.launchData = launchData;
    // Learner preferences (cmi5 §11): read at startup; one package is one language, so only read.
    await client.getAgentProfile(actor, CMI5.preferences).catch(() => null);
    const params = this.parameters(launchData.launchParameters);
    this.part = params.part;
    const template = launchData.contextTemplate;
    const courseIri = params.course ?? publisherCourse(template) ?? activityId;
    this.mode = launchData.launchMode === 'Browse' ? 'browse' : launchData.launchMode === 'Review' ? 'review' : 'normal';
    const session = new LrsSession({
      win,
      client,
      actor,
      registration,
      data: this.data,
      courseIri,
      courseObject: activityId,
      describeCourse: false,
      template,
      stateActivity: activityId,
      options: this.options,
      onProblem: () => this.onProblem?.('save-failed'),
    });
    this.session = session;
    const saved = this.mode === 'normal' ? await session.store.load() : await session.store.load().catch(() => null);
    session.reported = { ...(saved?.reported ?? {}) };
    session.send(this.defined('initialized'));
    const recorded: StartInfo['recorded'] = {};
    if (session.reported.completed) recorded.completion = 'completed';
    if (session.reported.passed) recorded.success = 'passed';
    const firstOfPart = this.firstPageOfPart();
    const mastery = this.masteryScore();
    const scope = this.scopeOfPart();
    return {
      savedState: saved?.state || null,
      location: saved?.location || firstOfPart,
      recorded,
      mode: this.mode,
      credit: true,
      ...(scope ? { scope } : {}),
      ...(mastery !== undefined ? { passingScore: Math.round(mastery * 10000) / 100 } : {}),
    };
  }

  /** The LMS's return URL, if it gave one (cmi5 §10): where `exit()` takes the learner. */
  get returnUrl(): string | undefined {
    return this.launchData?.returnURL || undefined;
  }

  private async fetchToken(url: string): Promise<string | null> {
    try {
      const response = await this.win.fetch(url, { method: 'POST', cache: 'no-store', credentials: 'omit' });
      const body = (await response.json()) as Record<string, unknown>;
      const token = body['auth-token'];
      if (typeof token === 'string' && token) return token;
      console.error(`coursepack: the cmi5 fetch URL gave no token (error ${String(body['error-code'])}: ${String(body['error-text'])})`);
    } catch (error) {
      console.error('coursepack: the cmi5 fetch URL failed', error);
    }
    return null;
  }

  private parameters(text: string | undefined): { course?: string; part?: string } {
    try {
      const value = JSON.parse(text ?? '{}') as { course?: unknown; part?: unknown };
      return { ...(typeof value.course === 'string' ? { course: value.course } : {}), ...(typeof value.part === 'string' ? { part: value.part } : {}) };
    } catch {
      return {};
    }
  }

  /** A module AU covers that module's pages; an assessment AU its assessment page. */
  private scopeOfPart(): string[] | undefined {
    if (!this.part) return undefined;
    const index = this.data.modules.findIndex((m) => m.id === this.part);
    if (index >= 0) return this.data.pages.filter((p) => p.module === index).map((p) => p.id);
    return this.data.assessments.some((a) => a.id === this.part) ? [this.part] : undefined;
  }

  private firstPageOfPart(): string | null {
    if (!this.part) return null;
    const index = this.data.modules.findIndex((m) => m.id === this.part);
    if (index >= 0) return this.data.pages.find((p) => p.module === index)?.id ?? null;
    return this.part; // an assessment: its page has its id
  }

  /** A cmi5 defined statement about the AU. */
  private defined(verb: 'initialized' | 'completed' | 'passed' | 'failed' | 'terminated', result?: StatementResult, extensions?: Record<string, unknown>): Statement {
    const moveOn = verb === 'completed' || verb === 'passed' || verb === 'failed';
    const category = [activity(CMI5.category), ...(moveOn ? [activity(CMI5.moveOn)] : [])];
    return this.session!.builder.course(verb, result, { contextActivities: { category }, ...(extensions ? { extensions } : {}) });
  }

  async record(event: LearningEvent): Promise<void> {
    const session = this.session;
    if (!session || this.finished || this.mode !== 'normal') return;
    if (event.type === 'answered' && event.context === 'assessment') this.attemptSubmitted = true;
    session.send(session.eventStatement(event));
  }

  async save(snapshot: Snapshot): Promise<void> {
    if (!this.session || this.finished || this.mode !== 'normal') return;
    this.report(snapshot, false);
    // The learner never waits for the LRS: the document goes out in the background (xapi-state.ts).
    void this.session.saveState(snapshot);
  }

  async finish(snapshot: Snapshot): Promise<void> {
    const session = this.session;
    if (!session || this.finished) return;
    session.ending = true;
    if (this.mode === 'normal') this.report(snapshot, true);
    this.finished = true;
    session.send(this.defined('terminated', { duration: session.duration() }));
    this.finishing = session.exit(this.mode === 'normal' ? snapshot : null);
    await this.finishing;
  }

  /** Resolves when every statement and the state are delivered (or waiting for a retry). */
  idle(): Promise<void> {
    return this.session?.idle() ?? Promise.resolve();
  }

  /**
   * Ends the session from the course (an Exit button): `terminated` is delivered, then the window
   * goes to the LMS's returnURL (cmi5 §10). Waits at most `waitMs` for the LRS.
   */
  async exit(snapshot: Snapshot, waitMs = 5000): Promise<void> {
    await this.finish(snapshot);
    const timeout = new Promise<void>((resolve) => this.win.setTimeout(resolve, waitMs));
    await Promise.race([this.idle(), timeout]);
    if (this.returnUrl) this.win.location.assign(this.returnUrl);
  }

  private masteryScore(): number | undefined {
    const m = this.launchData?.masteryScore;
    return typeof m === 'number' && m >= 0 && m <= 1 ? m : undefined;
  }

  /** Pass/fail of an outcome: the LMS's masteryScore when it gives one, else the course's own rule. */
  private judge(outcome: Outcome): 'passed' | 'failed' | null {
    const mastery = this.masteryScore();
    if (mastery !== undefined && outcome.score !== undefined) return outcome.score / 100 >= mastery - 1e-9 ? 'passed' : 'failed';
    return outcome.success === 'unknown' ? null : outcome.success;
  }

  /** What this AU covers is done: its module's pages, the assessment judged, or every required page. */
  private completed(snapshot: Snapshot): boolean {
    if (!this.part) return snapshot.outcome.progress >= 1;
    const index = this.data.modules.findIndex((m) => m.id === this.part);
    if (index < 0) return this.judge(snapshot.outcome) === 'passed';
    const pages = this.data.pages.filter((p) => p.module === index).map((p) => p.id);
    const visited = new Set(visitedPages(snapshot.state, this.data.pages.map((p) => p.id)) ?? []);
    return pages.every((id) => visited.has(id));
  }

  /** Assessment verdicts matter to the whole-course AU and to an assessment's AU, not to a module's. */
  private judgesAssessments(): boolean {
    return !this.part || !this.data.modules.some((m) => m.id === this.part);
  }

  private report(snapshot: Snapshot, ending: boolean): void {
    const session = this.session!;
    const { outcome } = snapshot;
    const submitted = this.attemptSubmitted;
    this.attemptSubmitted = false;
    if (this.judgesAssessments()) {
      const verdict = submitted || (ending && this.pendingFailed) ? this.judge(outcome) : null;
      if (verdict === 'passed' && !session.reported.passed && this.verdict === null) this.sendVerdict('passed', outcome);
      else if (verdict === 'failed' && !session.reported.passed && this.verdict === null) {
        // With attempts left, wait: a pass later in this session must still be possible.
        if (outcome.done || ending) this.sendVerdict('failed', outcome);
        else this.pendingFailed = outcome;
      }
      if (ending && this.pendingFailed && this.verdict === null && !session.reported.passed) this.sendVerdict('failed', this.pendingFailed);
    }
    if (!session.reported.completed && this.completed(snapshot)) {
      session.reported.completed = true;
      session.send(this.defined('completed', { completion: true, duration: session.duration() }));
    }
  }

  private sendVerdict(verdict: 'passed' | 'failed', outcome: Outcome): void {
    const session = this.session!;
    this.verdict = verdict;
    this.pendingFailed = null;
    if (verdict === 'passed') session.reported.passed = true;
    const score = outcomeScore(outcome, true);
    const mastery = this.masteryScore();
    session.send(
      this.defined(verdict, { ...(score ? { score } : {}), success: verdict === 'passed', duration: session.duration() }, mastery !== undefined ? { [CMI5.masteryScore]: mastery } : undefined),
    );
  }
}

/**
 * The course IRI from the publisher id in the template's grouping (`<course>/au[/part]`, or
 * `<urn>#au[/part]` under a URN base: xapi-iris.ts), for an LMS that drops launchParameters.
 */
export function publisherCourse(template: Context): string | undefined {
  for (const a of template.contextActivities?.grouping ?? []) {
    const match = /^(.*)[/#]au(?:\/[^/#]+)?$/.exec(a.id);
    if (match) return match[1];
  }
  return undefined;
}
