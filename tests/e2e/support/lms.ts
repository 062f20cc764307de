/** Driving the LMS host page and reading what the LMS recorded. */
import type { Frame, Page } from 'playwright-core';
import type { TestServer } from './server.js';

export interface CmiCore {
  lesson_status: string;
  lesson_location: string;
  entry: string;
  exit: string;
  session_time: string;
  total_time?: string;
  score: { raw: string; min: string; max: string };
}

export interface Cmi {
  core: CmiCore;
  suspend_data: string;
  /** scorm-again renders interactions as an object keyed by index. */
  interactions?: Record<string, unknown>;
  [key: string]: unknown;
}

/** What the host page's LMS holds: scorm-again's CMI and the strict wrapper's record. */
export interface LmsRecord {
  cmi: Cmi;
  /** Every value the SCO set successfully (last write wins). */
  values: Record<string, string>;
  violations: string[];
  finishCount: number;
  calls: Array<{ method: string; args: string[]; result: string }>;
}

/** Opens the LMS host page and waits for the player in its iframe to show a page. */
export async function launchInHost(page: Page, server: TestServer, opts: { resume?: string; pkg?: string } = {}): Promise<Frame> {
  const params = new URLSearchParams();
  if (opts.resume) params.set('resume', opts.resume);
  if (opts.pkg) params.set('pkg', opts.pkg);
  await page.goto(`${server.origin}/host.html${params.size ? `?${params}` : ''}`);
  await page.waitForFunction(() => {
    const w = window as unknown as { API?: unknown; hostError?: string };
    if (w.hostError) throw new Error(`host page: ${w.hostError}`);
    return Boolean(w.API) && (document.getElementById('sco') as HTMLIFrameElement).src !== '';
  });
  const frame = await (await page.locator('#sco').elementHandle())!.contentFrame();
  if (!frame) throw new Error('no SCO frame');
  await waitForPlayer(frame);
  return frame;
}

/** The player is running once it has shown its first page (it then marks <html data-cp-ready>). */
export async function waitForPlayer(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => document.documentElement.hasAttribute('data-cp-ready') || /\d/.test(document.getElementById('cp-position')?.textContent ?? ''));
}

export async function lmsRecord(page: Page): Promise<LmsRecord> {
  return page.evaluate(() => {
    const api = (window as unknown as { API: { lms: { renderCMIToJSONObject(): { cmi: unknown } }; values: Map<string, string>; violations: string[]; finishCount: number; calls: unknown[] } }).API;
    return JSON.parse(JSON.stringify({
      cmi: api.lms.renderCMIToJSONObject().cmi,
      values: Object.fromEntries(api.values),
      violations: api.violations,
      finishCount: api.finishCount,
      calls: api.calls,
    })) as LmsRecord;
  });
}

/**
 * Ends the session as a learner closing the course would: the SCO's document is unloaded
 * (pagehide), the player calls LMSFinish and scorm-again sends the final commit by sendBeacon.
 * Resolves with that final commit once the server has it.
 */
export async function closeSco(page: Page, server: TestServer): Promise<Cmi> {
  const before = server.commits.length;
  await page.evaluate(() => {
    (document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank';
  });
  await page.waitForFunction(() => (window as unknown as { API: { finishCount: number } }).API.finishCount > 0);
  return poll(() => server.commits.slice(before).find((c) => c.kind === 'beacon')?.body.cmi as Cmi | undefined, 'the final commit (sendBeacon) after LMSFinish');
}

/** What an LMS keeps for the next launch (Moodle: after exit=suspend, entry=resume). */
export function savedForRelaunch(cmi: Cmi): Record<string, unknown> {
  const { core } = cmi;
  return {
    suspend_data: cmi.suspend_data,
    core: {
      lesson_location: core.lesson_location,
      lesson_status: core.lesson_status,
      score: core.score,
      ...(core.total_time ? { total_time: core.total_time } : {}),
    },
  };
}

export async function poll<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** SCORM 1.2 CMITimespan as the player writes it (LMS-RULES.md rule 19): HHHH:MM:SS.SS. */
export const SESSION_TIME = /^\d{4}:[0-5]\d:[0-5]\d\.\d{2}$/;

/** CMITimespan as any SCORM 1.2 runtime renders it (scorm-again shortens hours to 2 digits). */
export const CMI_TIMESPAN = /^\d{2,4}:[0-5]\d:[0-5]\d(\.\d{1,2})?$/;
