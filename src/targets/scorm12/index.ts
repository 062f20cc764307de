import { allQuestions, type Course } from '../../course/model.js';
import { diag, type Diagnostic } from '../../diagnostics/index.js';
import { longestResponse } from '../../package/limits.js';
import { SCORM12_MAX_RESPONSE, scorm12Response } from '../../player/interactions/scorm12.js';
import { createMarkdown } from '../../render/markdown.js';
import { questionForPlayer } from '../../render/player-question.js';
import { OFFLINE_CSP, type Target } from '../types.js';
import { scorm12Manifest } from './manifest.js';

/** Questions whose responses cannot be written in SCORM 1.2's 255-character fields. */
function checkResponses(course: Course): Diagnostic[] {
  const out: Diagnostic[] = [];
  const md = createMarkdown({ allowHtml: course.allowHtml });
  for (const q of allQuestions(course)) {
    if (q.type === 'fill-in' || q.type === 'free-text') continue; // text is clipped to 255; the full text stays in the learner state
    const pq = questionForPlayer(q, course.languages[0]!, md);
    const encoded = scorm12Response(pq, longestResponse(q));
    const longest = Math.max(encoded.response.length, encoded.pattern?.length ?? 0);
    if (longest > SCORM12_MAX_RESPONSE) {
      out.push(diag('response-too-long', `question "${q.id}" can produce a SCORM 1.2 response of ${longest} characters; the limit is ${SCORM12_MAX_RESPONSE}`, course.positions[q.id]));
    }
  }
  return out;
}

export const scorm12: Target = {
  id: 'scorm12',
  title: 'SCORM 1.2',
  limits: { suspendData: 4096, location: 255 },
  playerEntry: 'scorm12',
  csp: OFFLINE_CSP,
  check: checkResponses,
  manifest: (course, lang, files) => ({ path: 'imsmanifest.xml', xml: scorm12Manifest(course, lang, files) }),
};
