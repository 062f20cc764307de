/**
 * A strict SCORM 2004 LMS: scorm-again's Scorm2004API (a real SCORM 2004 runtime) wrapped to enforce
 * what Moodle (`datamodels/scorm_13.js`) and other LMSs enforce and scorm-again does not
 * (../shared/LMS-RULES.md rules 24–29, 40). Every breach is recorded in `violations`; tests assert
 * there are none. The formats are Moodle's own patterns, which are stricter than scorm-again's.
 * Plain TypeScript with no Node imports, so a browser host page can bundle it too.
 */

export interface Scorm2004Runtime {
  Initialize(arg?: string): string;
  Terminate(arg?: string): string;
  GetValue(element: string): string;
  SetValue(element: string, value: string): string;
  Commit(arg?: string): string;
  GetLastError(): string;
  GetErrorString(code: string): string;
  GetDiagnostic(code: string): string;
}

export interface Call {
  method: string;
  args: string[];
  result: string;
}

const COMPLETION_RANK: Record<string, number> = { unknown: 0, 'not attempted': 0, incomplete: 1, completed: 2 };
const SUCCESS_RANK: Record<string, number> = { unknown: 0, failed: 1, passed: 2 };

/** Moodle's CMITime, narrowed to what rule 26 asks: UTC, hundredths before the Z. */
const TIMESTAMP = /^(19[7-9]\d|20[0-2]\d|203[0-8])-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{2}Z$/;
/** Moodle's CMITimespan. */
const TIMESPAN = /^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|((\d+(\.\d{1,2})?S))))?$/;
/** Moodle's CMIDecimal: leading digit, no exponent, at most 5 integer digits (rule 27). */
const DECIMAL = /^-?\d{1,5}(\.\d{1,18})?$/;
/** Rule 28 (Moodle's CMIShortIdentifier). */
const SHORT_ID = /^[A-Za-z0-9_.]{1,250}$/;
/** Moodle's CMILongIdentifier. */
const LONG_ID = /^(?:(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000})$/;
/** Moodle's CMILangString250 / 4000: optional {lang=…}, no leading `{`, one line. */
const langString = (max: number) => new RegExp(`^(\\{lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?\\})?([^{\\n\\r\\u2028\\u2029][^\\n\\r\\u2028\\u2029]{0,${max - 1}})?$`);
const LANG_STRING_250 = langString(250);
const LANG_STRING_4000 = langString(4000);
const TYPES = new Set(['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other']);
const RESULTS = /^(correct|incorrect|unanticipated|neutral|-?\d{1,4}(\.\d{1,18})?)$/;
const PREFIX = /^\{(lang|case_matters|order_matters)=[^}]+\}/;

interface InteractionLog {
  type?: string;
  responses: number;
}

export class StrictScorm2004 implements Scorm2004Runtime {
  readonly violations: string[] = [];
  readonly calls: Call[] = [];
  /** Every value successfully set, last write wins. */
  readonly values = new Map<string, string>();
  initialized = false;
  terminateCount = 0;
  private interactions: InteractionLog[] = [];
  private completion = 'unknown';
  private success = 'unknown';
  private threshold = '';
  /** progress_measure as Moodle holds it: from the last session, then as set. */
  private progress = '';
  private mode = 'normal';
  private credit = 'credit';

  constructor(readonly lms: Scorm2004Runtime) {}

  private log(method: string, args: string[], result: string): string {
    this.calls.push({ method, args, result });
    if (this.terminateCount > 0 && method !== 'Terminate') this.violations.push(`${method}(${args.join(', ')}) called after Terminate`);
    return result;
  }

  private emptyArg(method: string, arg: unknown): void {
    if (arg !== '') this.violations.push(`${method} must be called with "" (got ${arg === undefined ? 'no argument' : JSON.stringify(arg)})`);
  }

  Initialize(arg?: string): string {
    this.emptyArg('Initialize', arg);
    if (this.initialized) this.violations.push('Initialize called twice');
    const result = this.lms.Initialize(arg);
    this.initialized = result === 'true';
    const get = (element: string) => this.lms.GetValue(element);
    this.completion = get('cmi.completion_status') || 'unknown';
    this.success = get('cmi.success_status') || 'unknown';
    this.threshold = get('cmi.completion_threshold');
    this.progress = get('cmi.progress_measure');
    this.mode = get('cmi.mode') || 'normal';
    this.credit = get('cmi.credit') || 'credit';
    const count = Number(get('cmi.interactions._count')) || 0;
    this.interactions = Array.from({ length: count }, () => ({ type: 'recorded', responses: 0 }));
    return this.log('Initialize', [String(arg)], result);
  }

  Terminate(arg?: string): string {
    this.emptyArg('Terminate', arg);
    this.terminateCount++;
    if (this.terminateCount > 1) this.violations.push('Terminate called more than once');
    else this.checkMoodleTerminate();
    return this.log('Terminate', [String(arg)], this.terminateCount > 1 ? 'false' : this.lms.Terminate(arg));
  }

  Commit(arg?: string): string {
    this.emptyArg('Commit', arg);
    return this.log('Commit', [String(arg)], this.lms.Commit(arg));
  }

  GetValue(element: string): string {
    return this.log('GetValue', [element], this.lms.GetValue(element));
  }

  SetValue(element: string, value: string): string {
    if (typeof value !== 'string') this.violations.push(`${element} set with a ${typeof value}, not a string`);
    this.checkValue(element, String(value));
    const result = this.lms.SetValue(element, value);
    if (result !== 'true') this.violations.push(`SetValue(${element}, ${JSON.stringify(value)}) failed with error ${this.lms.GetLastError()}`);
    else {
      this.values.set(element, String(value));
      if (element === 'cmi.progress_measure') this.progress = String(value);
    }
    return this.log('SetValue', [element, String(value)], result);
  }

  GetLastError(): string {
    return this.lms.GetLastError();
  }

  GetErrorString(code: string): string {
    return this.lms.GetErrorString(code);
  }

  GetDiagnostic(code: string): string {
    return this.lms.GetDiagnostic(code);
  }

  setCount(element: string): number {
    return this.calls.filter((c) => c.method === 'SetValue' && c.args[0] === element).length;
  }

  /**
   * Moodle's Terminate (normal mode, credit) replaces completion_status with the comparison of
   * progress_measure and completion_threshold, and compares '' with '' when the manifest has no
   * threshold: the content's status must survive it.
   */
  private checkMoodleTerminate(): void {
    if (this.mode !== 'normal' || this.credit !== 'credit') return;
    const measure = this.progress;
    const derived = this.threshold === '' || Number(measure || 0) >= Number(this.threshold) ? 'completed' : 'incomplete';
    if (derived !== this.completion) {
      this.violations.push(`Moodle would record completion_status ${derived} at Terminate (progress_measure ${JSON.stringify(measure)}, threshold ${JSON.stringify(this.threshold)}); the content says ${this.completion}`);
    }
  }

  private checkValue(element: string, value: string): void {
    const v = (message: string) => this.violations.push(`${element} = ${JSON.stringify(value.slice(0, 80))}: ${message}`);
    if (!this.initialized) v('set before Initialize');
    if (element === 'cmi.suspend_data' && value.length > 64000) v(`suspend_data is ${value.length} characters; the limit is 64000`);
    if (element === 'cmi.location' && value.length > 1000) v('location over 1000 characters');
    if (element === 'cmi.completion_status') {
      if (!(value in COMPLETION_RANK)) v('not a completion status');
      else if (COMPLETION_RANK[value]! < COMPLETION_RANK[this.completion]!) v(`downgrades completion_status from ${this.completion}`);
      else this.completion = value;
    }
    if (element === 'cmi.success_status') {
      if (!(value in SUCCESS_RANK)) v('not a success status');
      else if (SUCCESS_RANK[value]! < SUCCESS_RANK[this.success]!) v(`downgrades success_status from ${this.success}`);
      else this.success = value;
    }
    if (/^cmi\.score\.(raw|min|max|scaled)$|^cmi\.progress_measure$|\.weighting$/.test(element) && !DECIMAL.test(value)) v('not a decimal with a leading digit and no exponent');
    if (/^cmi\.score\.(raw|min|max)$/.test(element) && !(Number(value) >= 0 && Number(value) <= 100)) v('score must be from 0 to 100 (Moodle grades with raw)');
    if (element === 'cmi.score.scaled' && !(Number(value) >= -1 && Number(value) <= 1)) v('scaled score must be from -1 to 1');
    if (element === 'cmi.progress_measure' && !(Number(value) >= 0 && Number(value) <= 1)) v('progress_measure must be from 0 to 1');
    if (element === 'cmi.session_time' && !TIMESPAN.test(value)) v('session_time must be an ISO 8601 duration');
    if (element === 'cmi.exit' && !/^(time-out|suspend|logout|normal)$/.test(value)) v('exit must be time-out|suspend|logout|normal');
    if (element === 'adl.nav.request' && !/^(continue|previous)$/.test(value)) v('only continue and previous work in Moodle (rule 29)');
    if (/^cmi\.objectives\./.test(element)) v('objectives are not written (rule 29)');
    const interaction = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (interaction) this.checkInteraction(Number(interaction[1]), interaction[2]!, value, v);
  }

  private checkInteraction(n: number, field: string, value: string, v: (message: string) => void): void {
    if (n > this.interactions.length) v(`interaction index ${n} skips ${this.interactions.length}`);
    if (n === this.interactions.length) {
      if (field !== 'id') v('the first field written for a new interaction must be its id');
      this.interactions.push({ responses: 0 });
    }
    const log = this.interactions[n];
    if (!log) return;
    if (field === 'id' && !LONG_ID.test(value)) v('interaction id must be a long identifier without spaces');
    if (field === 'type') {
      if (log.type !== undefined) v('type set twice (Moodle then drops the correct responses)');
      if (!TYPES.has(value)) v('unknown interaction type');
      log.type = value;
    }
    if (field === 'result' && !RESULTS.test(value)) v('result must be correct|incorrect|unanticipated|neutral|number');
    if (field === 'latency' && !TIMESPAN.test(value)) v('latency must be an ISO 8601 duration');
    if (field === 'timestamp' && !TIMESTAMP.test(value)) v('timestamp must be YYYY-MM-DDThh:mm:ss.ssZ');
    if (field === 'description' && !LANG_STRING_250.test(value)) v('description must be one line of at most 250 characters, not starting with {');
    const pattern = /^correct_responses\.(\d+)\.pattern$/.exec(field);
    if (field === 'learner_response' || pattern) {
      if (log.type === undefined) v('response written before the interaction type');
      if (pattern && Number(pattern[1]) !== log.responses) v(`correct response ${pattern[1]} written out of order`);
      if (pattern) log.responses++;
      if (log.type) this.checkResponse(log.type, value, !!pattern, v);
    }
  }

  /** learner_response / correct_responses.n.pattern per type, as Moodle checks them. */
  private checkResponse(type: string, value: string, isPattern: boolean, v: (message: string) => void): void {
    const nodes = (delimiter: string, max: number) => {
      const parts = value.split(delimiter);
      if (parts.length > max) v(`more than ${max} entries`);
      return parts;
    };
    const strip = (node: string) => (isPattern ? stripPrefixes(node) : node);
    switch (type) {
      case 'true-false':
        if (!/^(true|false)$/.test(value)) v('true-false responses are true or false');
        break;
      case 'choice':
      case 'sequencing': {
        const parts = nodes('[,]', 36);
        if (!parts.every((p) => SHORT_ID.test(p))) v(`${type} ids must be in [A-Za-z0-9_.] (rule 28)`);
        if (type === 'choice' && new Set(parts).size !== parts.length) v('choice ids must be unique');
        break;
      }
      case 'matching':
        for (const pair of nodes('[,]', 36)) {
          const [source, target, extra] = strip(pair).split('[.]');
          if (extra !== undefined || !SHORT_ID.test(source ?? '') || !SHORT_ID.test(target ?? '')) v('matching entries are source[.]target short ids (rule 28)');
        }
        break;
      case 'likert':
        if (!SHORT_ID.test(value)) v('likert responses are a short id (rule 28)');
        break;
      case 'numeric':
        if (isPattern) {
          const [min, max, extra] = value.split('[:]');
          if (extra !== undefined || !DECIMAL.test(min ?? '') || !DECIMAL.test(max ?? '') || Number(min) > Number(max)) v('numeric patterns are min[:]max decimals');
        } else if (!DECIMAL.test(value)) v('numeric responses are decimals with a leading digit and no exponent');
        break;
      case 'fill-in':
        if (isPattern && value.trim() !== value) v('patterns must not start or end with spaces');
        for (const node of nodes('[,]', 10)) if (!LANG_STRING_250.test(strip(node))) v('fill-in entries are one line of at most 250 characters, not starting with {');
        break;
      case 'long-fill-in':
        if (!LANG_STRING_4000.test(strip(value))) v('long-fill-in is one line of at most 4000 characters, not starting with {');
        break;
      case 'other':
        if (value.length > 4000) v('other responses hold at most 4000 characters');
        break;
      case 'performance':
        // Moodle's scorm_13.js: records step_name[.]step_answer joined by [,], at most 250; names `^$|short id`, answers `decimal|^$|short id`.
        for (const record of nodes('[,]', 250)) {
          const [name, answer, extra] = strip(record).split('[.]');
          if (extra !== undefined || !(name === '' || SHORT_ID.test(name ?? '')) || !(answer === undefined || answer === '' || SHORT_ID.test(answer) || DECIMAL.test(answer))) v('performance records are step_name[.]step_answer, short ids or decimals (Moodle)');
        }
        break;
      default:
        break;
    }
  }
}

function stripPrefixes(node: string): string {
  let out = node;
  while (PREFIX.test(out)) out = out.replace(PREFIX, '');
  return out;
}
