/**
 * The counsellor training's SCORM 1.2 package played in a DOM with scorm-again as the LMS,
 * wrapped to enforce LMS-RULES.md. Answers come from the embedded course data, so the test holds
 * as the content grows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreResponse } from '../../src/player/core/questions.js';
import { scorm12Interaction } from '../../src/player/interactions/scorm12.js';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildPackage, COUNSELLOR } from '../support/build.js';
import { launch, newLms, resumeData, settle } from '../support/dom-lms.js';
import { readResponse } from '../../src/player/ui/questions-ui.js';
import { answerChecks, answerQuestion, assessmentSection, correctAnswer, next, shownQuestions, takeAssessment, visiblePage, wrongAnswer } from '../support/learner.js';

const TIMESPAN = /^\d{4}:\d{2}:\d{2}\.\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}$/;

let pkg: BuiltPackage;
beforeAll(async () => {
  pkg = await buildPackage(COUNSELLOR, 'scorm12', 'en');
});

function interactions(values: Map<string, string>) {
  const out: Array<Record<string, string>> = [];
  for (const [key, value] of values) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(key);
    if (m) (out[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return out;
}

describe('SCORM 1.2 journey in a real LMS runtime', () => {
  it('marks a first launch incomplete at once and asks to be resumable', async () => {
    const { api } = await launch(pkg);
    expect(api.values.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(api.values.get('cmi.core.exit')).toBe('suspend');
    expect(api.calls.find((c) => c.method === 'LMSCommit')).toBeTruthy();
    expect(api.violations).toEqual([]);
  });

  it('records pages, checks, a failed then a passed attempt, exactly as the LMS expects', async () => {
    const { doc, api, lms, data, window } = await launch(pkg);
    const assessment = data.assessments[0]!;
    const order = [...data.pages.map((p) => p.id), assessment.id];
    expect(visiblePage(doc)).toBe(order[0]);
    const checkIds: string[] = [];
    for (let i = 0; i < order.length - 1; i++) {
      checkIds.push(...(await answerChecks(doc, data, { wrongFirst: true })));
      await next(doc);
      expect(visiblePage(doc)).toBe(order[i + 1]);
      expect(api.values.get('cmi.core.lesson_location')).toBe(order[i + 1]);
    }
    expect(checkIds.length).toBeGreaterThan(0);
    expect(api.values.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(api.values.has('cmi.core.score.raw')).toBe(false);

    // Attempt 1: everything wrong. Attempts are left, so Moodle is told incomplete, not failed.
    const first = await takeAssessment(doc, data, 0);
    expect(api.values.get('cmi.core.lesson_status')).toBe('incomplete');
    expect(api.values.get('cmi.core.score.raw')).toBe('0');
    expect(api.lms.LMSGetValue('cmi.core.score.min')).toBe('0');
    expect(api.lms.LMSGetValue('cmi.core.score.max')).toBe('100');
    expect(api.values.get('cmi.core.exit')).toBe('suspend');
    expect(assessmentSection(doc, assessment.id).querySelector<HTMLElement>('.cp-result')!.hidden).toBe(false);

    // Attempt 2: everything right.
    const second = await takeAssessment(doc, data, first.length);
    expect(api.values.get('cmi.core.lesson_status')).toBe('passed');
    expect(api.values.get('cmi.core.score.raw')).toBe('100');
    expect(api.values.get('cmi.core.exit')).toBe('');
    expect(assessmentSection(doc, assessment.id).querySelector<HTMLElement>('.cp-start')!.hidden).toBe(true);

    // Interactions: the first answer to each check (none when the course records no checks), then one per question per attempt, in order.
    const written = interactions(api.values);
    const recorded = (id: string, parts: string[]) => {
      const q = data.questions[id]!;
      const response = parts.join(',');
      return scorm12Interaction(q, response, scoreResponse(q, response).result);
    };
    const right = (id: string) => (correctAnswer(data.questions[id]!).length ? correctAnswer(data.questions[id]!) : wrongAnswer(data.questions[id]!));
    const expected = [
      ...(data.tracking?.checks === 'none' ? [] : checkIds.map((id) => recorded(id, wrongAnswer(data.questions[id]!)))),
      ...first.map((id) => recorded(id, wrongAnswer(data.questions[id]!))),
      ...second.map((id) => recorded(id, right(id))),
    ];
    expect(written).toHaveLength(expected.length);
    written.forEach((w, n) => {
      const e = expected[n]!;
      expect({ n, id: w.id, type: w.type, student_response: w.student_response, pattern: w['correct_responses.0.pattern'], result: w.result, weighting: w.weighting }).toEqual({
        n,
        id: e.id,
        type: e.type,
        student_response: e.student_response,
        pattern: e.pattern,
        result: e.result,
        weighting: e.weighting,
      });
      expect(w.latency).toMatch(TIMESPAN);
      expect(w.time).toMatch(TIME);
      expect(['correct', 'wrong', 'neutral']).toContain(w.result);
    });

    // Closing the tab finishes the session once, with the session time.
    window.dispatchEvent(new window.Event('pagehide'));
    window.dispatchEvent(new window.Event('beforeunload'));
    await settle();
    expect(api.finishCount).toBe(1);
    expect(api.values.get('cmi.core.session_time')).toMatch(TIMESPAN);
    const cmi = lms.renderCMIToJSONObject() as { cmi: { core: Record<string, unknown> } };
    expect(cmi.cmi.core.lesson_status).toBe('passed');
    expect(api.violations).toEqual([]);
  });

  it('never lowers a passed status on a later launch', async () => {
    const first = await launch(pkg);
    for (let i = 0; i < first.data.pages.length; i++) await next(first.doc);
    await takeAssessment(first.doc, first.data, 1000);
    first.window.dispatchEvent(new first.window.Event('pagehide'));
    const second = await launch(pkg, newLms(resumeData(first.lms)));
    expect(assessmentSection(second.doc, second.data.assessments[0]!.id).querySelector<HTMLElement>('.cp-start')!.hidden).toBe(true);
    await next(second.doc);
    second.window.dispatchEvent(new second.window.Event('pagehide'));
    expect(second.api.values.get('cmi.core.lesson_status')).not.toBe('incomplete');
    const cmi = second.lms.renderCMIToJSONObject() as { cmi: { core: Record<string, unknown> } };
    expect(cmi.cmi.core.lesson_status).toBe('passed');
    expect(cmi.cmi.core.score).toMatchObject({ raw: '100' });
    expect(second.api.violations).toEqual([]);
  });

  it('reports failed only when no attempt is left, then stops offering attempts', async () => {
    const { doc, api, data } = await launch(pkg);
    const assessment = data.assessments[0]!;
    for (let i = 0; i < assessment.attempts; i++) {
      await takeAssessment(doc, data, 0);
      expect(api.values.get('cmi.core.lesson_status')).toBe(i < assessment.attempts - 1 ? 'incomplete' : 'failed');
    }
    expect(api.values.get('cmi.core.exit')).toBe('');
    const section = assessmentSection(doc, assessment.id);
    expect(section.querySelector<HTMLElement>('.cp-start')!.hidden).toBe(true);
    (section.querySelector('.cp-start') as HTMLElement).click();
    await settle();
    expect(section.querySelector<HTMLElement>('.cp-submit')!.hidden).toBe(true);
    expect(section.querySelector('.cp-result')!.textContent).toMatch(/no attempts left/);
    expect(api.violations).toEqual([]);
  });

  it('keeps a passed status when the LMS returns it without the learner state', async () => {
    const { doc, api, lms, window } = await launch(pkg, newLms({ core: { lesson_status: 'passed', entry: 'resume', score: { raw: '90' } } }));
    await next(doc);
    window.dispatchEvent(new window.Event('pagehide'));
    expect(api.values.has('cmi.core.lesson_status')).toBe(false);
    expect((lms.renderCMIToJSONObject() as { cmi: { core: { lesson_status: string } } }).cmi.core.lesson_status).toBe('passed');
    expect(api.violations).toEqual([]);
  });

  it('resumes at the bookmark with check answers and an open attempt kept', async () => {
    const first = await launch(pkg);
    const { doc, data } = first;
    let checked: string | undefined;
    for (let i = 0; i < data.pages.length && !checked; i++) {
      const answered = await answerChecks(doc, data);
      checked = answered[0];
      if (!checked) await next(doc);
    }
    expect(checked).toBeDefined();
    // Open the assessment and answer two questions, without submitting.
    const assessment = data.assessments[0]!;
    while (visiblePage(doc) !== assessment.id) await next(doc);
    (assessmentSection(doc, assessment.id).querySelector('.cp-start') as HTMLElement).click();
    await settle();
    const [q1, q2] = shownQuestions(doc, assessment.id);
    for (const id of [q1!, q2!]) answerQuestion(assessmentSection(doc, assessment.id).querySelector(`.cp-question[data-question-id="${id}"]`)!, data.questions[id]!, correctAnswer(data.questions[id]!));
    await settle();
    // Go back one page: that page is the bookmark.
    doc.getElementById('cp-prev')!.click();
    await settle();
    const bookmark = visiblePage(doc)!;
    first.window.dispatchEvent(new first.window.Event('pagehide'));
    expect(first.api.finishCount).toBe(1);
    expect(first.api.values.get('cmi.core.exit')).toBe('suspend');

    const second = await launch(pkg, newLms(resumeData(first.lms)));
    expect(second.api.lms.LMSGetValue('cmi.core.entry')).toBe('resume');
    expect(visiblePage(second.doc)).toBe(bookmark);
    const checkForm = second.doc.querySelector(`.cp-check-form[data-question-id="${checked}"]`)!;
    const restored = Array.from(checkForm.querySelectorAll<HTMLInputElement>('input')).filter((i) => i.checked).map((i) => i.value);
    expect(restored.sort()).toEqual(correctAnswer(data.questions[checked!]!).sort());
    expect(checkForm.querySelector<HTMLElement>('.cp-feedback')!.hidden).toBe(false);
    expect(shownQuestions(second.doc, assessment.id)).toEqual(shownQuestions(doc, assessment.id));
    for (const id of [q1!, q2!]) {
      const fieldset = assessmentSection(second.doc, assessment.id).querySelector(`.cp-question[data-question-id="${id}"]`)!;
      expect(readResponse(fieldset, data.questions[id]!)).toBe(correctAnswer(data.questions[id]!).join(','));
    }
    expect(assessmentSection(second.doc, assessment.id).querySelector<HTMLElement>('.cp-assessment-form')!.hidden).toBe(false);
    expect(second.api.violations).toEqual([]);
  });

  it('falls back to the standalone tracker with a visible notice when no LMS is found', async () => {
    const { doc, api } = await launch(pkg, newLms(), { api: false });
    const notice = doc.getElementById('cp-notice')!;
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toMatch(/saved in this browser/);
    expect(api.calls).toEqual([]);
  });
});

describe('the Exit button', () => {
  it('ends the SCORM session at once, and the window then only says it may be closed', async () => {
    const run = await launch(pkg);
    const exit = run.doc.getElementById('cp-exit') as HTMLButtonElement;
    expect(exit.hidden).toBe(false);
    exit.click();
    await settle();
    expect(run.api.finishCount).toBe(1);
    // A last commit, with the session time, while the page is alive; then the final session time and LMSFinish.
    const methods = run.api.calls.map((c) => c.method);
    expect(methods.slice(-3)).toEqual(['LMSCommit', 'LMSSetValue', 'LMSFinish']);
    expect(run.api.values.get('cmi.core.session_time')).toBeDefined();
    expect(run.doc.getElementById('cp-notice')!.textContent).toMatch(/close this window/);
    run.window.dispatchEvent(new run.window.Event('pagehide'));
    expect(run.api.finishCount).toBe(1);
    expect(run.api.violations).toEqual([]);
  });

  it('is not offered without an LMS', async () => {
    const run = await launch(pkg, newLms(), { api: false });
    expect((run.doc.getElementById('cp-exit') as HTMLButtonElement).hidden).toBe(true);
  });
});
