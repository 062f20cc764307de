/**
 * Activity IRIs, derived from stable ids only: the build (tincan.xml, cmi5.xml) and the player
 * (statements) compute them the same way, so they never change between builds.
 *
 * `xapi.activityBase` is one of two forms:
 * - an http(s) URL under a domain the publisher controls: the course IRI is the base + course id,
 *   and everything else hangs below it with `/` (`https://h/courses/c/pages/p`);
 * - a `urn:uuid:` URN (RFC 9562) minted once for this course, for publishers without a domain: the
 *   URN itself is the course IRI, and the parts are fragments of it (`urn:uuid:…#pages/p`), the
 *   RFC 8141 f-component, so every IRI stays a valid URN.
 */

const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** True when the base is a `urn:uuid:` URN (lower-case hex, the canonical form). */
export function isUuidUrn(base: string): boolean {
  return UUID_URN.test(base);
}

/** The course IRI: an http(s) base (a trailing slash added if missing) followed by the course id, or the URN itself. */
export function courseIri(activityBase: string, courseId: string): string {
  if (isUuidUrn(activityBase)) return activityBase;
  return `${activityBase.endsWith('/') ? activityBase : `${activityBase}/`}${courseId}`;
}

/** Joins a path below the course IRI: `/` under a URL, a fragment under a URN. */
function below(course: string, path: string): string {
  return course.startsWith('urn:') ? `${course}#${path}` : `${course}/${path}`;
}

export type ChildKind = 'modules' | 'pages' | 'assessments' | 'questions' | 'scenarios';

/** The IRI of a module, page, assessment or question of the course. */
export function childIri(course: string, kind: ChildKind, id: string): string {
  return below(course, `${kind}/${encodeURIComponent(id)}`);
}

/** cmi5 AU ids (publisher ids): `<course>/au` for the whole course, `<course>/au/<module or assessment id>` per part. */
export function auIri(course: string, partId?: string): string {
  return below(course, partId === undefined ? 'au' : `au/${encodeURIComponent(partId)}`);
}

/** Activity types (ADL vocabulary). */
export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  page: 'http://activitystrea.ms/schema/1.0/page',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  /** A scenario block (issue 15): ADL's activity type for a simulated situation the learner acts in. */
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
} as const;
