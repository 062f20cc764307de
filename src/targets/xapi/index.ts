import { randomUUID } from 'node:crypto';
import type { Course } from '../../course/model.js';
import { diag, type Diagnostic } from '../../diagnostics/index.js';
import type { Target } from '../types.js';
import { tincanManifest } from './manifest.js';

/**
 * The CSP of packages that report to an LRS: like the offline one, except that the player may
 * connect to the LRS (and the cmi5 fetch URL) the LMS names at launch, which no build can know.
 */
export const LRS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; font-src 'self'; connect-src 'self' https: http:; base-uri 'none'; form-action 'none'";

/** xAPI and cmi5 need the base IRI of the activity ids; reported once per target that needs it. */
export function checkActivityBase(course: Course, targetTitle: string): Diagnostic[] {
  if (course.xapi?.activityBase) return [];
  return [
    diag('xapi-activity-base-missing', `the ${targetTitle} target needs \`xapi.activityBase\` in course.yaml to name the course's activities`, { file: 'course.yaml', line: 1, column: 1 }, { hint: activityBaseHint() }),
  ];
}

/**
 * The hint offers both forms, with a URN freshly minted for this course: pasting it is all an
 * author without a domain needs to do (the URN is random, so two courses never share one).
 */
export function activityBaseHint(uuid: string = randomUUID()): string {
  return (
    'Add to course.yaml, once, before the first xAPI or cmi5 package is published: `xapi: { activityBase: https://<a domain your organisation controls>/courses/ }`, ' +
    `or if it has none, this URN minted for the course: \`xapi: { activityBase: urn:uuid:${uuid} }\`. Activity ids derive from it: never change it afterwards, or the LRS sees a new course.`
  );
}

/** xAPI with a Tin Can launch (tincan.xml), e.g. Moodle's mod_tincanlaunch. */
export const xapi: Target = {
  id: 'xapi',
  title: 'xAPI',
  // The State API keeps a document of any reasonable size: no limit below what the player writes.
  limits: {},
  playerEntry: 'xapi',
  csp: LRS_CSP,
  unconfigured: (course) => (course.xapi?.activityBase ? undefined : 'course.yaml has no `xapi.activityBase`'),
  check: (course) => checkActivityBase(course, 'xapi'),
  manifest: (course, lang) => ({ path: 'tincan.xml', xml: tincanManifest(course, lang) }),
};
