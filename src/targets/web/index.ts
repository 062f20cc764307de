import { OFFLINE_CSP, type Target } from '../types.js';

/** A plain web build: no LMS, progress kept in the browser. Host it on any web server. */
export const web: Target = {
  id: 'web',
  title: 'Web (no LMS)',
  limits: {},
  playerEntry: 'web',
  csp: OFFLINE_CSP,
  manifest: () => null,
};
