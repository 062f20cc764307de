/** The cmi5 rules every session of statements must follow (spec §§7, 9, 10; LMS-RULES.md 35–36). */
import { expect } from 'vitest';
import { ADL } from './course.js';
import { ACTOR } from './launch.js';
import type { StoredStatement } from './lrs.js';

/** A module, page, assessment or question IRI of the course: below a URL, a fragment of a URN. */
export const isPartOf = (id: string, courseIri: string) => id.startsWith(courseIri.startsWith('urn:') ? `${courseIri}#` : `${courseIri}/`);

const CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVEON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
export const SESSION = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
export const MASTERY = 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore';
const DEFINED = new Set(['initialized', 'completed', 'passed', 'failed', 'terminated']);

const categories = (s: StoredStatement) => (s.context?.contextActivities?.category ?? []).map((a) => a.id);
export const verb = (s: StoredStatement) => s.verb.id.replace(ADL, '');

export function expectCmi5Session(statements: StoredStatement[], launch: { courseIri: string; activityId: string; publisherId: string; registration: string; sessionId: string }): void {
  const verbs = statements.map(verb);
  expect(verbs[0], 'initialized first').toBe('initialized');
  expect(verbs[verbs.length - 1], 'terminated last').toBe('terminated');
  const defined = statements.filter((s) => categories(s).includes(CATEGORY));
  const definedVerbs = defined.map(verb);
  expect(new Set(definedVerbs).size, 'no cmi5 defined verb twice in a session').toBe(definedVerbs.length);
  expect(definedVerbs.filter((v) => v === 'passed' || v === 'failed').length, 'at most one of passed/failed').toBeLessThanOrEqual(1);
  for (const s of statements) {
    expect(s.actor).toEqual(ACTOR);
    expect(s.context?.registration).toBe(launch.registration);
    expect(s.context?.extensions?.[SESSION], 'session id from the context template').toBe(launch.sessionId);
    expect(s.context?.contextActivities?.grouping?.map((a) => a.id), 'publisher id from the context template').toContain(launch.publisherId);
    expect(s.timestamp).toMatch(/Z$/);
    const isDefined = DEFINED.has(verb(s));
    expect(categories(s).includes(CATEGORY), `${verb(s)}: cmi5 category only on defined statements`).toBe(isDefined);
    expect(categories(s).includes(MOVEON), `${verb(s)}: moveOn category`).toBe(['completed', 'passed', 'failed'].includes(verb(s)));
    if (isDefined) {
      expect(s.object.id, 'defined statements are about the AU (launch activityId)').toBe(launch.activityId);
      if (!['passed', 'failed'].includes(verb(s))) expect(s.result?.score, `${verb(s)} carries no score`).toBeUndefined();
    } else {
      expect(isPartOf(s.object.id, launch.courseIri), `allowed statements are about the course parts (${s.object.id})`).toBe(true);
    }
  }
  const terminated = statements[statements.length - 1]!;
  expect(terminated.result?.duration).toMatch(/^PT/);
}

