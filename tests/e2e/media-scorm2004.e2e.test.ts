/**
 * `completion: watched` under SCORM 2004 in Chromium (issue 15 left it proven for SCORM 1.2 only):
 * fixtures/courses/media's video page counts only once the video has played to its end, so
 * `cmi.completion_status` stays incomplete and `cmi.progress_measure` below 1 until then.
 *
 * 1. scorm-again's Scorm2004API held to LMS-RULES.md by StrictScorm2004 (large-course.ts's host).
 * 2. The Moodle host (moodle-host.ts: Moodle's saves, launches and unload beacon), which serves the
 *    package with Moodle's media types (moodle-mime.ts, docs/moodle.md "Media types"): the captions
 *    (text/vtt), the video (video/webm) and the audio (audio/ogg) load and play with those types,
 *    and the watched video completes the attempt over two visits.
 */
import type { Frame, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { buildPackage, ROOT } from '../support/build.js';
import { serveBuilt } from './support/large-course.js';
import { waitForVisiblePage } from './support/learner.js';
import { MoodleHost } from './support/moodle-host.js';
import { newPage, useBrowser } from './support/session.js';

const COURSE = join(ROOT, 'tests/fixtures/courses/media');
const browser = useBrowser();
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const done of cleanup.reverse()) await done();
  cleanup = [];
});

async function open(frame: Frame, id: string): Promise<void> {
  await frame.locator(`.cp-menu a[data-page-link="${id}"]`).click();
  await waitForVisiblePage(frame, id);
}

const viewed = (frame: Frame, id: string) => frame.locator(`.cp-menu a[data-page-link="${id}"]`).evaluate((a) => a.classList.contains('cp-viewed'));

/** Plays the video from 1.5 s before its end (muted, as a script may) and waits for the end. */
async function watchToTheEnd(frame: Frame): Promise<void> {
  await frame.locator('#p-watch video').evaluate(async (v: HTMLVideoElement) => {
    v.muted = true;
    v.currentTime = Math.max(0, v.duration - 1.5);
    await new Promise((resolve) => v.addEventListener('seeked', resolve, { once: true }));
    await v.play();
  });
  await frame.waitForFunction(() => document.querySelector<HTMLVideoElement>('#p-watch video')!.ended, undefined, { timeout: 10_000 });
}

/** What the strict wrapper saw the LMS accept (last write wins), and its violations. */
async function strictRecord(page: Page): Promise<{ values: Record<string, string>; violations: string[] }> {
  return page.evaluate(() => {
    const api = (window as unknown as { API_1484_11: { values: Map<string, string>; violations: string[] } }).API_1484_11;
    return { values: Object.fromEntries(api.values), violations: [...api.violations] };
  });
}

describe('completion: watched under SCORM 2004 in Chromium', () => {
  it('scorm-again (strict): completion_status and progress_measure wait for the end of the video', async () => {
    const errors: string[] = [];
    const page = await newPage(browser(), errors);
    const served = await serveBuilt(COURSE, 'scorm2004');
    cleanup.push(() => served.close(), () => page.close());
    await page.goto(`${served.origin}/`);
    await page.frameLocator('#sco').locator('html[data-cp-ready]').waitFor();
    const frame = page.frames().find((f) => f.url().endsWith('/pkg/index.html'))!;

    // Every page opened, the video not played: two of three pages count.
    await open(frame, 'watch');
    await frame.waitForFunction(() => (document.querySelector<HTMLVideoElement>('#p-watch video')!.textTracks[0]?.cues?.length ?? 0) > 0);
    await open(frame, 'listen');
    await open(frame, 'intro');
    expect(await viewed(frame, 'watch')).toBe(false);
    let lms = await strictRecord(page);
    expect(lms.values['cmi.completion_status']).toBe('incomplete');
    const before = Number(lms.values['cmi.progress_measure']);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(1);

    // Watched to the end: the page counts, the SCO is complete.
    await open(frame, 'watch');
    await watchToTheEnd(frame);
    await expect.poll(() => viewed(frame, 'watch')).toBe(true);
    await expect.poll(async () => (await strictRecord(page)).values['cmi.completion_status']).toBe('completed');
    lms = await strictRecord(page);
    expect(Number(lms.values['cmi.progress_measure'])).toBe(1);

    await page.evaluate(() => (document.getElementById('sco') as HTMLIFrameElement).contentWindow!.dispatchEvent(new Event('pagehide')));
    const end = await page.evaluate(() => {
      // scorm-again answers nothing after Terminate: what the content set, as the wrapper saw the LMS accept it.
      const api = (window as unknown as { API_1484_11: { terminateCount: number; violations: string[]; values: Map<string, string> } }).API_1484_11;
      return { terminated: api.terminateCount, violations: api.violations, completion: api.values.get('cmi.completion_status') };
    });
    expect(end).toEqual({ terminated: 1, violations: [], completion: 'completed' });
    expect(errors).toEqual([]);
  });

  it('Moodle (its media types, saves and relaunch): incomplete after a visit without watching, completed once the video has ended', async () => {
    const host = new MoodleHost(await buildPackage(COURSE, 'scorm2004', 'en'));
    await host.start();
    const errors: string[] = [];
    const page = await newPage(browser(), errors);
    cleanup.push(() => host.stop(), () => page.close());

    let { frame } = await host.enter(page);
    await open(frame, 'watch');
    // The captions, served as text/vtt, load as a track with their cues; the video's metadata loads as video/webm.
    await frame.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('#p-watch video')!;
      return v.readyState >= 1 && v.textTracks[0]?.mode === 'showing' && (v.textTracks[0].cues?.length ?? 0) > 0;
    });
    await open(frame, 'listen');
    // The audio, served as audio/ogg, plays.
    await frame.locator('#p-listen audio').evaluate(async (a: HTMLAudioElement) => {
      a.muted = true;
      await a.play();
      await new Promise((resolve) => setTimeout(resolve, 300));
      a.pause();
    });
    expect(await frame.locator('#p-listen audio').evaluate((a: HTMLAudioElement) => a.currentTime > 0 && a.error === null)).toBe(true);
    expect(await host.violations(page)).toEqual([]);
    await host.leave(page);
    const first = host.attempts[0]!;
    expect(first['cmi.completion_status']).toBe('incomplete');
    expect(Number(first['cmi.progress_measure'])).toBeLessThan(1);
    expect(Object.fromEntries([...host.served].filter(([path]) => /\.(vtt|webm|ogg)$/.test(path)))).toEqual({
      'assets/conversation.en.vtt': 'text/vtt',
      'assets/conversation.webm': 'video/webm',
      'assets/narration.ogg': 'audio/ogg',
    });

    // Second visit: Moodle resumes the same attempt; the video watched to its end completes it.
    ({ frame } = await host.enter(page));
    expect(host.launches.at(-1)).toMatchObject({ attempt: 1, entry: 'resume' });
    await open(frame, 'watch');
    expect(await viewed(frame, 'watch')).toBe(false);
    await frame.waitForFunction(() => document.querySelector<HTMLVideoElement>('#p-watch video')!.readyState >= 1);
    await watchToTheEnd(frame);
    await expect.poll(() => viewed(frame, 'watch')).toBe(true);
    expect(await host.violations(page)).toEqual([]);
    await host.leave(page);
    expect(host.attempts).toHaveLength(1);
    expect(host.attempts[0]!['cmi.completion_status']).toBe('completed');
    expect(Number(host.attempts[0]!['cmi.progress_measure'])).toBe(1);
    expect(errors).toEqual([]);
  });
});
