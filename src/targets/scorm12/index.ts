import { OFFLINE_CSP, type Target } from '../types.js';
import { scorm12Manifest } from './manifest.js';

export const scorm12: Target = {
  id: 'scorm12',
  title: 'SCORM 1.2',
  limits: { suspendData: 4096, location: 255 },
  playerEntry: 'scorm12',
  csp: OFFLINE_CSP,
  manifest: (course, lang, files) => ({ path: 'imsmanifest.xml', xml: scorm12Manifest(course, lang, files) }),
};
