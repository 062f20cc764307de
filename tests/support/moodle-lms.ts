/**
 * Moodle's SCORM runtimes where it matters for saves and attempts (LMS-RULES.md rules 41–42), on
 * top of the strict wrappers (scorm-again underneath). Read from moodle/moodle mod/scorm, never
 * copied: what each save carries (`CollectData` in datamodels/scorm_13.js and scorm_12.js), how it
 * travels (`DoRequest` in request.js: a synchronous XHR, or `sendBeacon` with FormData once the
 * window is closing, dropped by the browser above 64 KiB), what `datamodel.php` stores, and what the
 * next launch gets (`scorm_check_mode` in lib.php: the attempt and normal/review mode;
 * `get_scorm_default` in datamodels/scorm_13lib.php and scorm_12lib.php: the data and `entry`).
 * Plain TypeScript with no Node imports: the browser host page bundles it too.
 */
import { BEACON_LIMIT, CHROMIUM_BOUNDARY, moodleFieldName, moodleRequest, multipartBytes, type FormField, type ScormStandard } from '../../src/package/save-size.js';
import { StrictScorm12, type ScormRuntime } from './strict-scorm12.js';
import { StrictScorm2004, type Scorm2004Runtime } from './strict-scorm2004.js';

/** One Moodle attempt's tracks: element → value, as `scorm_scoes_track` holds them. */
export type Tracks = Record<string, string>;

export interface MoodleLaunch {
  standard: ScormStandard;
  /** Moodle's attempt number, from 1. */
  attempt: number;
  mode: 'normal' | 'review';
  credit: 'credit' | 'no-credit';
  entry: string;
  /** What Moodle loads into the runtime for this launch. */
  elements: Tracks;
}

/** Whether Moodle counts an attempt as finished (`scorm_check_mode`): 2004 on completed only. */
export function attemptFinished(standard: ScormStandard, tracks: Tracks | undefined): boolean {
  if (!tracks) return false;
  if (standard === 'scorm2004') return tracks['cmi.completion_status'] === 'completed';
  return ['completed', 'passed', 'failed'].includes(tracks['cmi.core.lesson_status'] ?? '');
}

/** The launch Moodle gives after `attempts` (oldest first), when the learner presses Enter (with "Start a new attempt" ticked or not). */
export function moodleLaunch(standard: ScormStandard, attempts: Tracks[], options: { newAttempt?: boolean } = {}): MoodleLaunch {
  let attempt = Math.max(1, attempts.length);
  const finished = attemptFinished(standard, attempts[attempt - 1]);
  let mode: MoodleLaunch['mode'] = finished ? 'review' : 'normal';
  if (finished && options.newAttempt) {
    attempt++;
    mode = 'normal';
  }
  const tracks = attempts[attempt - 1] ?? {};
  const credit = mode === 'normal' ? 'credit' : 'no-credit';
  if (standard === 'scorm2004') {
    // Only cmi.exit = suspend brings the attempt's data back (RTE 4.2.8 as Moodle reads it).
    const elements = tracks['cmi.exit'] === 'suspend' ? { ...tracks } : {};
    const exit = elements['cmi.exit'];
    const entry = exit === undefined || exit === 'normal' || exit === 'time-out' ? 'ab-initio' : exit === 'suspend' || exit === 'logout' ? 'resume' : '';
    return { standard, attempt, mode, credit, entry, elements };
  }
  const elements = { ...tracks };
  const entry = !elements['cmi.core.lesson_status'] ? 'ab-initio' : elements['cmi.core.exit'] === 'suspend' ? 'resume' : '';
  return { standard, attempt, mode, credit, entry, elements };
}

/** Stores a save as `datamodel.php` does: every `cmi.*` field (names back to elements). */
export function storeSave(standard: ScormStandard, tracks: Tracks, fields: FormField[]): void {
  for (const { name, value } of fields) {
    let element = name.replace(/__/g, '.');
    if (standard === 'scorm12') element = element.replace(/_(\d+)\./g, '.$1.');
    if (element.startsWith('cmi.')) tracks[element] = value;
  }
}

/** Moodle's `AddTime` for SCORM 2004 durations and 1.2 timespans, in hundredths of a second. */
function centis(duration: string): number {
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (iso) return Math.round(((Number(iso[1] ?? 0) * 24 + Number(iso[2] ?? 0)) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0)) * 100);
  const span = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(duration);
  return span ? Math.round((Number(span[1]) * 3600 + Number(span[2]) * 60 + Number(span[3])) * 100) : 0;
}

export function addTime(standard: ScormStandard, first: string, second: string): string {
  const total = centis(first) + centis(second);
  const h = Math.floor(total / 360000);
  const m = Math.floor((total % 360000) / 6000);
  const s = (total % 6000) / 100;
  if (standard === 'scorm2004') return `PT${h}H${m}M${s}S`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${s < 10 ? '0' : ''}${s.toFixed(2)}`;
}

/** One request Moodle's runtime made. */
export interface MoodleSave {
  kind: 'commit' | 'terminate';
  beacon: boolean;
  /** Bytes of the body as the browser sends it (multipart for a beacon, urlencoded otherwise). */
  bytes: number;
  fields: FormField[];
  /** False when the browser dropped it (a beacon above 64 KiB). */
  delivered: boolean;
}

/** How a request leaves the page: in a DOM test, straight into the store; in the browser, a real XHR or beacon. */
export type Transport = (fields: FormField[], beacon: boolean) => boolean;

/** A transport that behaves like Chromium's and hands what arrives to `tracks`. */
export function memoryTransport(standard: ScormStandard, tracks: Tracks): Transport {
  return (fields, beacon) => {
    if (beacon && multipartBytes(fields, CHROMIUM_BOUNDARY) > BEACON_LIMIT) return false;
    storeSave(standard, tracks, fields);
    return true;
  };
}

const RANGED_2004 = new Set(['cmi.progress_measure', 'cmi.score.scaled']);
const INTERACTION = /^cmi\.interactions\.\d+\./;

/** What Moodle's SCORM 2004 runtime does at Commit and Terminate, around the strict wrapper. */
export class MoodleScorm2004 extends StrictScorm2004 {
  readonly saves: MoodleSave[] = [];
  /** request.js's `mod_scorm_is_window_closing`: set on the Moodle window's unload and visibilitychange events, never reset. */
  closing = false;
  private readonly model = new Map<string, string>();
  private readonly setThisSession = new Set<string>();
  private navRequest = '';

  constructor(
    lms: Scorm2004Runtime,
    readonly launch: MoodleLaunch,
    private readonly transport: Transport,
  ) {
    super(lms);
    for (const [element, value] of Object.entries(launch.elements)) this.model.set(element, value);
  }

  override SetValue(element: string, value: string): string {
    const result = super.SetValue(element, value);
    if (result === 'true') {
      if (element === 'adl.nav.request') this.navRequest = String(value);
      else {
        this.model.set(element, String(value));
        this.setThisSession.add(element);
      }
    }
    return result;
  }

  override Commit(arg?: string): string {
    const result = super.Commit(arg);
    if (result !== 'true' || this.terminateCount > 0) return result;
    return this.send('commit') ? 'true' : 'false';
  }

  override Terminate(arg?: string): string {
    const first = this.terminateCount === 0 && this.initialized;
    if (first) this.send('terminate');
    return super.Terminate(arg);
  }

  /** `CollectData`: every interaction, and whatever differs from what was loaded (ranged elements once set: Moodle stores them as numbers). */
  private collect(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [element, value] of this.model) {
      if (INTERACTION.test(element) || (this.setThisSession.has(element) && (value !== this.launch.elements[element] || RANGED_2004.has(element)))) out.push([element, value]);
    }
    return out;
  }

  private send(kind: MoodleSave['kind']): boolean {
    const elements = this.collect();
    if (kind === 'terminate') elements.unshift(['cmi.total_time', addTime('scorm2004', this.launch.elements['cmi.total_time'] ?? 'PT0H0M0S', this.model.get('cmi.session_time') ?? 'PT0H0M0S')]);
    if (this.navRequest && this.navRequest !== '_none_') elements.push(['adl.nav.request', this.navRequest]);
    return record(this.saves, 'scorm2004', kind, elements, this.closing, this.transport);
  }
}

/** What Moodle's SCORM 1.2 runtime does at LMSCommit and LMSFinish, around the strict wrapper. */
export class MoodleScorm12 extends StrictScorm12 {
  readonly saves: MoodleSave[] = [];
  closing = false;
  private readonly model = new Map<string, string>();
  /** `datamodel[element].defaultvalue`: what Moodle believes the server holds (updated at each collection). */
  private readonly known = new Map<string, string>();

  constructor(
    lms: ScormRuntime,
    readonly launch: MoodleLaunch,
    private readonly transport: Transport,
  ) {
    super(lms);
    for (const [element, value] of Object.entries(launch.elements)) {
      this.model.set(element, value);
      // Loaded interactions have no default: the first commit resends them all.
      if (!INTERACTION.test(element)) this.known.set(element, value);
    }
  }

  override LMSSetValue(element: string, value: string): string {
    const result = super.LMSSetValue(element, value);
    if (result === 'true') this.model.set(element, String(value));
    return result;
  }

  override LMSCommit(arg?: string): string {
    const result = super.LMSCommit(arg);
    if (result !== 'true' || this.finishCount > 0) return result;
    return this.send('commit') ? 'true' : 'false';
  }

  override LMSFinish(arg?: string): string {
    if (this.finishCount === 0 && this.initialized) this.send('terminate');
    return super.LMSFinish(arg);
  }

  private send(kind: MoodleSave['kind']): boolean {
    const elements: Array<[string, string]> = [];
    for (const [element, value] of this.model) {
      if (element === 'cmi.core.session_time' || this.known.get(element) === value) continue;
      elements.push([element, value]);
      this.known.set(element, value);
    }
    if (kind === 'terminate') elements.push(['cmi.core.total_time', addTime('scorm12', this.launch.elements['cmi.core.total_time'] ?? '00:00:00', this.model.get('cmi.core.session_time') ?? '00:00:00')]);
    return record(this.saves, 'scorm12', kind, elements, this.closing, this.transport);
  }
}

function record(saves: MoodleSave[], standard: ScormStandard, kind: MoodleSave['kind'], elements: Array<[string, string]>, beacon: boolean, transport: Transport): boolean {
  // `unloading=1` rides only with a beacon.
  const fields = moodleRequest(elements, standard).filter((f) => beacon || f.name !== 'unloading');
  const bytes = beacon ? multipartBytes(fields, CHROMIUM_BOUNDARY) : fields.map((f) => `${encodeURIComponent(f.name)}=${encodeURIComponent(f.value)}`).join('&').length;
  const delivered = transport(fields, beacon);
  saves.push({ kind, beacon, bytes, fields, delivered });
  // A beacon always "succeeds" for Moodle's runtime: request.js returns "true\n0" whatever the browser did.
  return beacon || delivered;
}

export { moodleFieldName };
