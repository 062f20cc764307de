import type { Target } from '../types.js';
import { checkActivityBase, LRS_CSP } from '../xapi/index.js';
import { cmi5Manifest } from './manifest.js';

/** cmi5 (cmi5.xml): an LMS-launched AU reporting to the LMS's LRS, e.g. Moodle's mod_cmi5launch. */
export const cmi5: Target = {
  id: 'cmi5',
  title: 'cmi5',
  limits: {},
  playerEntry: 'cmi5',
  csp: LRS_CSP,
  unconfigured: (course) => (course.xapi?.activityBase ? undefined : 'course.yaml has no `xapi.activityBase`'),
  check: (course) => checkActivityBase(course, 'cmi5'),
  manifest: (course, lang) => ({ path: 'cmi5.xml', xml: cmi5Manifest(course, lang) }),
};
