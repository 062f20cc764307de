/**
 * SCORM 1.2 in Chromium with scorm-again as the LMS: a learner using the mouse opens every page,
 * answers every knowledge check, fails the assessment once and passes it, then closes the course.
 */
import { describe, expect, test } from 'vitest';
import { cmiInteractions, completeCourse, recordedInteractions } from './support/journey.js';
import { closeSco, CMI_TIMESPAN, launchInHost, lmsRecord, SESSION_TIME } from './support/lms.js';
import { MouseLearner } from './support/mouse.js';
import { newPage, serveCourse, useBrowser } from './support/session.js';

const browser = useBrowser();

describe.each(['en', 'fr'])('SCORM 1.2, counsellor-training (%s), mouse', (lang) => {
  test('every page, every check, assessment failed then passed; the LMS records it all', async () => {
    const server = await serveCourse('scorm12', lang);
    const errors: string[] = [];
    const page = await newPage(browser(), errors);
    try {
      const frame = await launchInHost(page, server);
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe(lang);
      const { interactions } = await completeCourse(new MouseLearner(page, frame));

      const final = await closeSco(page, server);
      const lms = await lmsRecord(page);
      expect(lms.violations).toEqual([]);
      expect(lms.finishCount).toBe(1);
      expect(lms.calls.filter((c) => c.method === 'LMSFinish')).toHaveLength(1);
      expect(lms.values['cmi.core.session_time']).toMatch(SESSION_TIME);
      expect(lms.cmi.core.lesson_status).toBe('passed');
      expect(lms.cmi.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
      expect(final.core.lesson_status).toBe('passed');
      expect(final.core.score).toMatchObject({ raw: '100', min: '0', max: '100' });
      expect(final.core.session_time).toMatch(CMI_TIMESPAN);
      expect(final.core.session_time).not.toMatch(/^0+:00:00(\.0+)?$/);
      expect(recordedInteractions(lms.values)).toEqual(interactions);
      expect(cmiInteractions(lms.cmi)).toEqual(interactions);
      expect(cmiInteractions(final)).toEqual(interactions);
      expect(server.missing).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });
});
