/** Reading the player's records back: activity IRIs (URL and URN bases), xAPI and SCORM 1.2 responses. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../src/course/load-course.js';
import { allQuestions } from '../../src/course/model.js';
import { correctResponse, responseParts } from '../../src/player/core/questions.js';
import { scorm12Response } from '../../src/player/interactions/scorm12.js';
import { xapiResponse } from '../../src/player/interactions/xapi.js';
import { childIri, courseIri } from '../../src/player/tracking/xapi-iris.js';
import { questionForPlayer } from '../../src/render/player-question.js';
import { actorKey, partOf, playerResponse } from '../../src/report/from-statements.js';
import { fromScorm12Response } from '../../src/report/scorm12-response.js';
import { wrongAnswer } from '../support/learner.js';

const ALL_TYPES = resolve(import.meta.dirname, '../fixtures/courses/all-types');
const course = loadCourse(ALL_TYPES).course!;
const sorted = (type: string, response: string) => (type === 'multiple-choice' || type === 'matching' ? responseParts(response).sort().join(',') : response);

describe('activity IRIs read back', () => {
  it.each([['https://learning.example.org/courses/'], ['urn:uuid:c8ee325c-4d4b-43c1-a7ca-125f73ce877d']])('under %s', (base) => {
    const iri = courseIri(base, 'demo');
    expect(partOf(childIri(iri, 'pages', 'why-coding'), iri)).toEqual({ kind: 'pages', id: 'why-coding' });
    expect(partOf(childIri(iri, 'questions', 'k-1'), iri)).toEqual({ kind: 'questions', id: 'k-1' });
    expect(partOf(iri, iri)).toBeUndefined();
    expect(partOf(`${iri}x/pages/a`, iri)).toBeUndefined();
  });

  it('knows a learner by the inverse functional identifier, not the display name', () => {
    expect(actorKey({ name: 'A', account: { homePage: 'https://lms', name: '42' } })).toBe(actorKey({ name: 'B', account: { homePage: 'https://lms', name: '42' } }));
    expect(actorKey({ mbox: 'mailto:a@example.org' })).toBe('mbox:mailto:a@example.org');
    expect(actorKey({ name: 'nobody' })).toBeUndefined();
  });
});

describe.each(allQuestions(course).map((q) => [q.type, q] as const))('%s responses read back', (_type, q) => {
  const pq = questionForPlayer(q, 'en');
  const answers = [correctResponse(pq), wrongAnswer(pq).join(',')].filter(Boolean);
  it('from xAPI (the player encoder, then the report)', () => {
    for (const a of answers) expect(sorted(q.type, playerResponse(xapiResponse(pq, a), q.type))).toBe(sorted(q.type, a));
  });
  it('from SCORM 1.2 positions (what Moodle shows)', () => {
    for (const a of answers) {
      expect(sorted(q.type, fromScorm12Response(q, scorm12Response(pq, a).response))).toBe(sorted(q.type, a));
    }
  });
});
