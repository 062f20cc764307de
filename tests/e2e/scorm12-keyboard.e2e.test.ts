/**
 * The same journey with the keyboard only (Tab, Shift+Tab, Space, Enter, arrows): no mouse, no
 * focus set by the test. After Next (and Previous) focus lands on the new page's heading.
 */
import { expect, test } from 'vitest';
import { playerData } from './support/course.js';
import { cmiInteractions, completeCourse, inGroups, recordedInteractions } from './support/journey.js';
import { KeyboardLearner } from './support/keyboard.js';
import { closeSco, launchInHost, lmsRecord, SESSION_TIME } from './support/lms.js';
import { useBrowser, withCourse } from './support/session.js';

const browser = useBrowser();

test('SCORM 1.2, counsellor-training (en), keyboard only: the same outcome as with the mouse', async () => {
  await withCourse(browser(), 'scorm12', 'en', async ({ page, server, errors }) => {
    const frame = await launchInHost(page, server);
    const data = await playerData(frame);
    const learner = new KeyboardLearner(page, frame);
    const headingHasFocus = async (id: string) => expect.poll(async () => (await learner.focus())?.id).toBe(`h-${id}`);

    // The first Tab from the LMS page enters the course at its skip link.
    await learner.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.className)).toBe('cp-skip');
    expect(await frame.evaluate(() => document.activeElement?.matches(':focus-visible'))).toBe(true);

    let wentBack = false;
    const { interactions } = await completeCourse(learner, {
      afterNext: async (id) => {
        await headingHasFocus(id);
        if (wentBack || id !== data.pages[1]?.id) return;
        // Once: from Next, Shift+Tab back to Previous, then forward again.
        wentBack = true;
        await learner.tabTo('#cp-next');
        await learner.previous(data.pages[0]!.id);
        await headingHasFocus(data.pages[0]!.id);
        await learner.next(id);
        await headingHasFocus(id);
      },
    });
    expect(wentBack).toBe(true);
    for (const key of ['Tab', 'Shift+Tab', 'Space', 'Enter', 'ArrowDown']) expect(learner.keys.get(key), key).toBeGreaterThan(0);
    // Submitting the attempt moves focus to the result.
    expect(await frame.evaluate(() => document.activeElement?.classList.contains('cp-result'))).toBe(true);

    await closeSco(page, server);
    const lms = await lmsRecord(page);
    expect(lms.violations).toEqual([]);
    expect(lms.finishCount).toBe(1);
    expect(lms.values['cmi.core.session_time']).toMatch(SESSION_TIME);
    expect(lms.cmi.core.lesson_status).toBe('passed');
    expect(lms.cmi.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
    expect(inGroups(recordedInteractions(lms.values), interactions)).toEqual(interactions);
    expect(inGroups(cmiInteractions(lms.cmi), interactions)).toEqual(interactions);
    expect(errors).toEqual([]);
  });
});
