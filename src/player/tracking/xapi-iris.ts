/**
 * Activity IRIs, derived from stable ids only: the build (tincan.xml, cmi5.xml) and the player
 * (statements) compute them the same way, so they never change between builds. The course IRI is
 * `xapi.activityBase` + course id; everything else hangs below it.
 */

/** The course IRI: the base (a trailing slash added if missing) followed by the course id. */
export function courseIri(activityBase: string, courseId: string): string {
  return `${activityBase.endsWith('/') ? activityBase : `${activityBase}/`}${courseId}`;
}

export type ChildKind = 'modules' | 'pages' | 'assessments' | 'questions';

/** The IRI of a module, page, assessment or question of the course. */
export function childIri(course: string, kind: ChildKind, id: string): string {
  return `${course}/${kind}/${encodeURIComponent(id)}`;
}

/** cmi5 AU ids (publisher ids): `<course>/au` for the whole course, `<course>/au/<module or assessment id>` per part. */
export function auIri(course: string, partId?: string): string {
  return partId === undefined ? `${course}/au` : `${course}/au/${encodeURIComponent(partId)}`;
}

/** Activity types (ADL vocabulary). */
export const ACTIVITY_TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  module: 'http://adlnet.gov/expapi/activities/module',
  page: 'http://activitystrea.ms/schema/1.0/page',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
} as const;
