import { OFFLINE_CSP, type Target } from '../types.js';
import { scorm2004Manifest } from './manifest.js';

export const scorm2004: Target = {
  id: 'scorm2004',
  title: 'SCORM 2004 4th Edition',
  limits: { suspendData: 64000, location: 1000 },
  playerEntry: 'scorm2004',
  csp: OFFLINE_CSP,
  manifest: (course, lang, files) => ({ path: 'imsmanifest.xml', xml: scorm2004Manifest(course, lang, files) }),
};
