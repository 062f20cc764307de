/**
 * Browser entry of the Moodle host page: asks the test server for the launch Moodle would give,
 * loads it into scorm-again (a classic script: global Scorm12API / Scorm2004API), wraps it in the
 * Moodle-faithful strict wrapper and sends each save as Moodle's request.js does: a synchronous XHR,
 * or `navigator.sendBeacon` with FormData once the window is closing (the flag request.js sets on
 * beforeunload, unload, pagehide and visibilitychange, and never resets).
 */
import type { FormField } from '../../../src/package/save-size.js';
import { MoodleScorm12, MoodleScorm2004, type MoodleLaunch, type Transport } from '../../support/moodle-lms.js';

interface ScormAgain {
  cmi: Record<string, unknown> & { core?: Record<string, unknown> };
  loadFromFlattenedJSON(json: object, element?: string): void;
}
type Globals = Window & { Scorm12API: new (s: object) => ScormAgain; Scorm2004API: new (s: object) => ScormAgain; API?: unknown; API_1484_11?: unknown; hostError?: string; sendFailures?: number };

const NOT_LOADED = /^cmi\.(exit|session_time|total_time|entry|core\.(exit|session_time|total_time|entry))$/;

async function start(): Promise<void> {
  const win = window as unknown as Globals;
  const params = new URLSearchParams(location.search);
  const launch = (await (await fetch(`/launch${params.get('new') ? '?new=1' : ''}`)).json()) as MoodleLaunch & { threshold: string };
  const data = Object.fromEntries(Object.entries(launch.elements).filter(([k]) => !NOT_LOADED.test(k)));
  win.sendFailures = 0;
  const transport: Transport = (fields: FormField[], beacon: boolean) => {
    if (beacon) {
      const form = new FormData();
      for (const f of fields) form.append(f.name, f.value);
      const queued = navigator.sendBeacon('/datamodel', form);
      if (!queued) win.sendFailures!++;
      return queued;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/datamodel', false);
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
    xhr.send(new URLSearchParams(fields.map((f) => [f.name, f.value])).toString().replace(/\+/g, '%20'));
    return xhr.status === 200;
  };
  let api: MoodleScorm12 | MoodleScorm2004;
  if (launch.standard === 'scorm2004') {
    const lms = new win.Scorm2004API({ logLevel: 5, autocommit: false });
    lms.loadFromFlattenedJSON(data, '');
    Object.assign(lms.cmi, { learner_id: 'learner-1', learner_name: 'Learner, Test', entry: launch.entry, mode: launch.mode, credit: launch.credit, completion_threshold: launch.threshold });
    if (launch.elements['cmi.total_time']) lms.cmi.total_time = launch.elements['cmi.total_time'];
    api = new MoodleScorm2004(lms as never, launch, transport);
    win.API_1484_11 = api;
  } else {
    const lms = new win.Scorm12API({ logLevel: 5, autocommit: false });
    lms.loadFromFlattenedJSON(data, '');
    Object.assign(lms.cmi.core!, { student_id: 'learner-1', student_name: 'Learner, Test', entry: launch.entry, lesson_mode: launch.mode, credit: launch.credit });
    if (launch.elements['cmi.core.total_time']) lms.cmi.core!.total_time = launch.elements['cmi.core.total_time'];
    api = new MoodleScorm12(lms as never, launch, transport);
    win.API = api;
  }
  for (const event of ['beforeunload', 'unload', 'pagehide', 'visibilitychange']) window.addEventListener(event, () => (api.closing = true));
  (document.getElementById('sco') as HTMLIFrameElement).src = '/pkg/index.html';
}

start().catch((error: unknown) => ((window as unknown as Globals).hostError = String(error)));
