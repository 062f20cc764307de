/**
 * A strict LMS: scorm-again's Scorm12API (a real SCORM 1.2 runtime) wrapped to enforce what
 * real LMSs enforce and scorm-again does not (../shared/LMS-RULES.md rules 16–23, 40).
 * Every breach is recorded in `violations`; tests assert there are none.
 * Plain TypeScript with no Node imports, so the e2e suite bundles it into the browser host page.
 */

export interface ScormRuntime {
  LMSInitialize(arg?: string): string;
  LMSFinish(arg?: string): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg?: string): string;
  LMSGetLastError(): string;
  LMSGetErrorString(code: string): string;
  LMSGetDiagnostic(code: string): string;
}

export interface Call {
  method: string;
  args: string[];
  result: string;
}

const STATUS_RANK: Record<string, number> = { 'not attempted': 0, browsed: 0, incomplete: 1, failed: 2, completed: 3, passed: 4 };
const TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d{1,2})?$/;
const RESULTS = new Set(['correct', 'wrong', 'unanticipated', 'neutral']);

export class StrictScorm12 implements ScormRuntime {
  readonly violations: string[] = [];
  readonly calls: Call[] = [];
  /** Every value successfully set, last write wins. */
  readonly values = new Map<string, string>();
  initialized = false;
  finishCount = 0;
  private interactionCount = 0;
  private status = 'not attempted';

  constructor(readonly lms: ScormRuntime) {}

  private log(method: string, args: string[], result: string): string {
    this.calls.push({ method, args, result });
    if (this.finishCount > 0 && method !== 'LMSFinish') this.violations.push(`${method}(${args.join(', ')}) called after LMSFinish`);
    return result;
  }

  private emptyArg(method: string, arg: unknown): void {
    if (arg !== '') this.violations.push(`${method} must be called with "" (got ${arg === undefined ? 'no argument' : JSON.stringify(arg)})`);
  }

  LMSInitialize(arg?: string): string {
    this.emptyArg('LMSInitialize', arg);
    if (this.initialized) this.violations.push('LMSInitialize called twice');
    const result = this.lms.LMSInitialize(arg);
    this.initialized = result === 'true';
    this.status = this.lms.LMSGetValue('cmi.core.lesson_status') || 'not attempted';
    this.interactionCount = Number(this.lms.LMSGetValue('cmi.interactions._count')) || 0;
    return this.log('LMSInitialize', [String(arg)], result);
  }

  LMSFinish(arg?: string): string {
    this.emptyArg('LMSFinish', arg);
    this.finishCount++;
    if (this.finishCount > 1) this.violations.push('LMSFinish called more than once');
    return this.log('LMSFinish', [String(arg)], this.finishCount > 1 ? 'false' : this.lms.LMSFinish(arg));
  }

  LMSCommit(arg?: string): string {
    this.emptyArg('LMSCommit', arg);
    return this.log('LMSCommit', [String(arg)], this.lms.LMSCommit(arg));
  }

  LMSGetValue(element: string): string {
    return this.log('LMSGetValue', [element], this.lms.LMSGetValue(element));
  }

  LMSSetValue(element: string, value: string): string {
    if (typeof value !== 'string') this.violations.push(`${element} set with a ${typeof value}, not a string`);
    this.checkValue(element, String(value));
    const result = this.lms.LMSSetValue(element, value);
    if (result !== 'true') this.violations.push(`LMSSetValue(${element}, ${JSON.stringify(value)}) failed with error ${this.lms.LMSGetLastError()}`);
    else this.values.set(element, String(value));
    return this.log('LMSSetValue', [element, String(value)], result);
  }

  LMSGetLastError(): string {
    return this.lms.LMSGetLastError();
  }

  LMSGetErrorString(code: string): string {
    return this.lms.LMSGetErrorString(code);
  }

  LMSGetDiagnostic(code: string): string {
    return this.lms.LMSGetDiagnostic(code);
  }

  private checkValue(element: string, value: string): void {
    const v = (message: string) => this.violations.push(`${element} = ${JSON.stringify(value.slice(0, 80))}: ${message}`);
    if (!this.initialized) v('set before LMSInitialize');
    if (element === 'cmi.suspend_data' && value.length > 4096) v(`suspend_data is ${value.length} characters; LMSs keep 4096`);
    if (element === 'cmi.core.lesson_location' && value.length > 255) v('lesson_location over 255 characters');
    if (element === 'cmi.core.lesson_status') {
      if ((STATUS_RANK[value] ?? -1) < (STATUS_RANK[this.status] ?? 0)) v(`downgrades lesson_status from ${this.status}`);
      else this.status = value;
    }
    if (/^cmi\.core\.score\.(raw|min|max)$/.test(element)) {
      const n = Number(value);
      if (value === '' || !Number.isFinite(n) || n < 0 || n > 100) v('score must be a number from 0 to 100');
    }
    if (element === 'cmi.core.session_time' && !TIMESPAN.test(value)) v('session_time must be HHHH:MM:SS.SS');
    const interaction = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (interaction) {
      const n = Number(interaction[1]);
      if (n > this.interactionCount) v(`interaction index ${n} skips ${this.interactionCount}`);
      if (n === this.interactionCount) {
        if (interaction[2] !== 'id') v('the first field written for a new interaction must be its id');
        this.interactionCount++;
      }
      const field = interaction[2];
      if (field === 'id' && (!/^[\x21-\x7e]{1,255}$/.test(value))) v('interaction id must be printable ASCII without spaces, at most 255');
      if (field === 'result' && !RESULTS.has(value) && !Number.isFinite(Number(value))) v('result must be correct|wrong|unanticipated|neutral|number');
      if (field === 'latency' && !TIMESPAN.test(value)) v('latency must be HHHH:MM:SS.SS');
      if (field === 'time' && !TIME.test(value)) v('time must be HH:MM:SS');
      if ((field === 'student_response' || field === 'correct_responses.0.pattern') && value.length > 255) v('response over 255 characters');
    }
  }

  setCount(element: string): number {
    return this.calls.filter((c) => c.method === 'LMSSetValue' && c.args[0] === element).length;
  }
}
