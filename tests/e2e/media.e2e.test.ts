/**
 * Video and audio blocks in Chromium (issue 15), fixtures/courses/media (synthetic media) as a
 * SCORM 1.2 package under scorm-again: no autoplay; the package language's captions showing and
 * switchable to the other track; the transcript reached with Tab and operated with Enter and Space,
 * printed when collapsed; axe clean; `completion: watched` marks the page viewed (and the course
 * completed) only once the video has played to its end.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT } from '../support/build.js';
import { closeSco, launchInHost, lmsRecord } from './support/lms.js';
import { waitForVisiblePage } from './support/learner.js';
import { newPage, serveCourse, useBrowser } from './support/session.js';

const COURSE = join(ROOT, 'tests/fixtures/courses/media');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const browser = useBrowser();

async function axeClean(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), state).toEqual([]);
}

async function open(frame: Frame, id: string): Promise<void> {
  await frame.locator(`.cp-menu a[data-page-link="${id}"]`).click();
  await waitForVisiblePage(frame, id);
}

const viewed = (frame: Frame, id: string) => frame.locator(`.cp-menu a[data-page-link="${id}"]`).evaluate((a) => a.classList.contains('cp-viewed'));

describe('media blocks in Chromium', () => {
  it('captions show and switch, the transcript works by keyboard, the page is viewed only after the end (SCORM 1.2, en)', async () => {
    const errors: string[] = [];
    const page = await newPage(browser(), errors);
    const server = await serveCourse('scorm12', 'en', COURSE);
    try {
      const frame = await launchInHost(page, server);
      await open(frame, 'watch');
      const video = frame.locator('#p-watch video');

      // No autoplay: nothing plays by itself.
      await frame.waitForTimeout(300);
      expect(await video.evaluate((v: HTMLVideoElement) => ({ autoplay: v.autoplay, paused: v.paused, attribute: v.hasAttribute('autoplay') }))).toEqual({ autoplay: false, paused: true, attribute: false });

      // The package language's track shows; its cues are the file's.
      await frame.waitForFunction(() => {
        const v = document.querySelector<HTMLVideoElement>('#p-watch video')!;
        return v.textTracks[0]?.mode === 'showing' && (v.textTracks[0].cues?.length ?? 0) > 0;
      });
      const tracks = await video.evaluate((v: HTMLVideoElement) => Array.from(v.textTracks).map((t) => ({ lang: t.language, label: t.label, mode: t.mode })));
      expect(tracks).toEqual([
        { lang: 'en', label: 'English', mode: 'showing' },
        { lang: 'fr', label: 'Français', mode: 'disabled' },
      ]);
      const activeAt = (time: number) =>
        video.evaluate(async (v: HTMLVideoElement, t: number) => {
          v.currentTime = t;
          await new Promise((resolve) => v.addEventListener('seeked', resolve, { once: true }));
          await new Promise((resolve) => setTimeout(resolve, 100));
          const showing = Array.from(v.textTracks).find((track) => track.mode === 'showing');
          return Array.from(showing?.activeCues ?? []).map((c) => (c as VTTCue).text);
        }, time);
      expect(await activeAt(1)).toEqual(['Samira wonders whether she can learn to code.']);
      // Switched as the captions menu of the native controls does: one track showing at a time.
      await video.evaluate((v: HTMLVideoElement) => {
        v.textTracks[0]!.mode = 'disabled';
        v.textTracks[1]!.mode = 'showing';
      });
      await frame.waitForFunction(() => (document.querySelector<HTMLVideoElement>('#p-watch video')!.textTracks[1]!.cues?.length ?? 0) > 0);
      expect(await activeAt(3.5)).toEqual(['La conseillère écoute d’abord.'.replace('’', "'")]);

      // The transcript: a disclosure button, reached with Tab from the page heading.
      const toggle = frame.locator('#p-watch .cp-transcript-toggle');
      const body = frame.locator('#tr-conversation');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await body.isVisible()).toBe(false);
      await frame.locator('#h-watch').focus();
      let reached = false;
      for (let i = 0; i < 30 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await toggle.evaluate((b) => b.ownerDocument.activeElement === b);
      }
      expect(reached).toBe(true);
      await axeClean(page, 'transcript collapsed');
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await body.textContent()).toContain('The counsellor listens first.');
      expect(await body.isVisible()).toBe(true);
      await axeClean(page, 'transcript expanded');
      await page.keyboard.press('Space');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await body.isVisible()).toBe(false);
      // Printed even when collapsed.
      await page.emulateMedia({ media: 'print' });
      expect(await body.isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });

      // The audio's transcript is the author's; every other page is visited.
      await open(frame, 'listen');
      expect(await frame.locator('#p-listen audio').evaluate((a: HTMLAudioElement) => a.paused && !a.autoplay)).toBe(true);
      await axeClean(page, 'audio page');
      await open(frame, 'intro');
      expect(await viewed(frame, 'intro')).toBe(true);
      expect(await viewed(frame, 'listen')).toBe(true);
      // Seen, not watched: the video's page does not count yet, so the course is not complete.
      expect(await viewed(frame, 'watch')).toBe(false);
      expect((await lmsRecord(page)).values['cmi.core.lesson_status']).toBe('incomplete');

      // Played to the end (from near it, muted so that a script may start it): now it counts.
      await open(frame, 'watch');
      expect(await viewed(frame, 'watch')).toBe(false);
      await video.evaluate(async (v: HTMLVideoElement) => {
        v.muted = true;
        v.currentTime = Math.max(0, v.duration - 1.5);
        await new Promise((resolve) => v.addEventListener('seeked', resolve, { once: true }));
        await v.play();
      });
      await frame.waitForFunction(() => document.querySelector<HTMLVideoElement>('#p-watch video')!.ended, undefined, { timeout: 10_000 });
      await expect.poll(() => viewed(frame, 'watch')).toBe(true);
      await expect.poll(async () => (await lmsRecord(page)).values['cmi.core.lesson_status']).toBe('completed');

      // Leaving the page stops its media.
      await video.evaluate((v: HTMLVideoElement) => {
        v.currentTime = 0;
        return v.play();
      });
      await open(frame, 'listen');
      expect(await video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);

      const cmi = await closeSco(page, server);
      expect(cmi.core?.lesson_status).toBe('completed');
      expect((await lmsRecord(page)).violations).toEqual([]);
      expect(server.missing).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });

  it('the French package shows the French captions by default, and the media fit a 320 px screen', async () => {
    const errors: string[] = [];
    const page = await newPage(browser(), errors);
    const server = await serveCourse('scorm12', 'fr', COURSE);
    try {
      await page.setViewportSize({ width: 320, height: 640 });
      const frame = await launchInHost(page, server);
      // At 320 px the menu is folded away: Next leads to the video.
      await frame.locator('#cp-next').click();
      await waitForVisiblePage(frame, 'watch');
      await frame.waitForFunction(() => document.querySelector<HTMLVideoElement>('#p-watch video')!.textTracks[0]?.mode === 'showing');
      const first = await frame.locator('#p-watch video').evaluate((v: HTMLVideoElement) => ({ lang: v.textTracks[0]!.language, isDefault: v.querySelector('track')!.default }));
      expect(first).toEqual({ lang: 'fr', isDefault: true });
      expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      // Screenshots for the closing note, transcript open: test-results/screenshots/media-<w>x<h>.png.
      await frame.locator('#p-watch .cp-transcript-toggle').click();
      for (const [width, height] of [[375, 667], [1280, 800]] as const) {
        await page.setViewportSize({ width, height });
        await frame.locator('#p-watch .cp-media').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(ROOT, 'test-results/screenshots', `media-${width}x${height}.png`) });
        expect(await frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
