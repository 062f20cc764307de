/**
 * After "Next" from the bottom of a long page, the new page's heading takes the focus and must be
 * fully visible below the sticky header (issue 14), at desktop and phone sizes, on every page of
 * the counsellor training.
 */
import { expect, it } from 'vitest';
import { pageOrder, playerData } from './support/course.js';
import { waitForPlayer } from './support/lms.js';
import { useBrowser, withCourse } from './support/session.js';

const browser = useBrowser();

for (const [width, height] of [[1280, 800], [375, 667]] as const) {
  it(`at ${width}×${height}: each page's heading, focused after Next from the bottom of the page before, is below the header`, async () => {
    await withCourse(browser(), 'web', 'en', async ({ page, server, errors }) => {
      await page.setViewportSize({ width, height });
      await page.addInitScript(() => localStorage.clear());
      await page.goto(`${server.origin}/pkg/index.html`);
      const frame = page.mainFrame();
      await waitForPlayer(frame);
      const order = pageOrder(await playerData(frame));
      let long = 0;
      for (const id of order.slice(1)) {
        // The bottom of the page, where Next is: the learner has read to the end.
        const scrolled = await page.evaluate(() => {
          window.scrollTo(0, document.documentElement.scrollHeight);
          return window.scrollY;
        });
        if (scrolled > 0) long++;
        await page.locator('#cp-next').focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction((h) => document.activeElement?.id === h, `h-${id}`);
        const place = await page.evaluate((h) => {
          const heading = document.getElementById(h)!.getBoundingClientRect();
          const header = document.querySelector('.cp-header')!.getBoundingClientRect();
          return { top: heading.top, bottom: heading.bottom, headerBottom: header.bottom, viewport: window.innerHeight };
        }, `h-${id}`);
        expect(place.top, `${id}: heading top ${place.top} under the header ending at ${place.headerBottom}`).toBeGreaterThanOrEqual(place.headerBottom);
        expect(place.bottom, `${id}: heading below the window`).toBeLessThanOrEqual(place.viewport);
      }
      // The walk met pages long enough to scroll, or it proved nothing.
      expect(long).toBeGreaterThan(order.length / 2);
      expect(errors).toEqual([]);
    });
  });
}
