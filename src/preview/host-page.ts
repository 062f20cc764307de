/**
 * The preview host page: a simulated LMS around the course, scorm-again's SCORM 1.2 runtime
 * (`window.API`) or its SCORM 2004 runtime (`window.API_1484_11`).
 */
import { escapeHtml } from '../player/core/format.js';
import { findTarget } from '../targets/index.js';

/** The targets the preview can host: the two SCORM runtimes scorm-again provides. */
export const PREVIEW_TARGETS = ['scorm12', 'scorm2004'] as const;
export type PreviewTarget = (typeof PREVIEW_TARGETS)[number];

export function isPreviewTarget(id: string): id is PreviewTarget {
  return (PREVIEW_TARGETS as readonly string[]).includes(id);
}

/** What the header shows for each standard: its own fields, with the data-model names as tooltips. */
const READOUT: Record<PreviewTarget, string> = {
  scorm12: `<span title="cmi.core.lesson_status">status <output id="status">not attempted</output></span>
  <span title="cmi.core.score.raw">score <output id="score">–</output></span>`,
  scorm2004: `<span title="cmi.completion_status">completion <output id="completion">unknown</output></span>
  <span title="cmi.success_status">success <output id="success">unknown</output></span>
  <span title="cmi.score.raw">score <output id="score">–</output></span>`,
};

/**
 * The studio's preview (src/studio/server/preview.ts): the host page's files are served under
 * `base`, and the course opens at `page` with no progress kept (it follows the page being edited).
 */
export interface StudioPreview {
  base: string;
  page?: string;
}

/**
 * The host page for `target`. `threshold` is the package's completion threshold (SCORM 2004), which
 * an LMS reads from the manifest and hands to the content as `cmi.completion_threshold`.
 */
export function hostPage(title: string, target: PreviewTarget = 'scorm12', threshold = '', courseKey = '', studio?: StudioPreview): string {
  const standard = findTarget(target)!;
  const base = studio?.base ?? '';
  const studioData = studio ? ` data-base="${escapeHtml(studio.base)}" data-page="${escapeHtml(studio.page ?? '')}"` : '';
  const limit = standard.limits.suspendData;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; display: grid; grid-template-rows: auto 1fr; height: 100vh; background: #eef0f3; }
  header { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: center; padding: .5rem 1rem; background: #1f2328; color: #fff; }
  header strong { margin-right: auto; }
  header output { font-family: ui-monospace, monospace; }
  header button { font: inherit; min-height: 36px; }
  iframe { border: 0; width: 100%; height: 100%; background: #fff; }
</style>
<script src="${base}/scorm-again/${target}.min.js"></script>
</head>
<body data-standard="${target}" data-threshold="${escapeHtml(threshold)}" data-course="${escapeHtml(courseKey)}"${studioData}>
<header>
  <strong>Preview (simulated LMS, ${escapeHtml(standard.title)}): ${escapeHtml(title)}</strong>
  ${READOUT[target]}
  <span title="cmi.suspend_data">state <output id="state">0</output>${limit === undefined ? '' : ` / ${limit}`}</span>
  <button type="button" id="reset">Forget progress</button>
</header>
<iframe id="course" title="${escapeHtml(title)}"></iframe>
<script src="${base}/preview.js"></script>
</body>
</html>
`;
}

/**
 * Runs in the host page: the LMS of the page's `data-standard`, its live readout, progress kept
 * across reloads (one localStorage key per standard and course), live reload.
 */
export const HOST_SCRIPT = `(function () {
  var body = document.body;
  var scorm2004 = body.getAttribute('data-standard') === 'scorm2004';
  var KEY = (scorm2004 ? 'coursepack-preview-cmi-2004:' : 'coursepack-preview-cmi:') + body.getAttribute('data-course');
  // In the studio: files under data-base, and the course opens at data-page, keeping no progress.
  var base = body.getAttribute('data-base') || '';
  var page = body.getAttribute('data-page') || '';
  // Set by "Forget progress": the course's last commit, as the page unloads, must not save again.
  var forgotten = false;
  function text(id, value) { document.getElementById(id).textContent = value; }
  function score(raw) { return raw === '' || raw === undefined ? '–' : String(raw); }
  function start() {
    var api, show;
    var saved = page ? null : localStorage.getItem(KEY);
    if (scorm2004) {
      api = new Scorm2004API({ logLevel: 4, autocommit: false });
      var resumed = false;
      if (saved) { try { api.loadFromJSON(JSON.parse(saved), ''); resumed = true; } catch (e) {} }
      api.cmi.entry = resumed ? 'resume' : 'ab-initio';
      api.cmi.learner_id = 'preview';
      api.cmi.learner_name = 'Preview, Author';
      if (page) api.cmi.location = page;
      var threshold = body.getAttribute('data-threshold');
      if (threshold) api.cmi.completion_threshold = threshold;
      show = function () {
        text('completion', api.cmi.completion_status || 'unknown');
        text('success', api.cmi.success_status || 'unknown');
        text('score', score(api.cmi.score.raw));
        text('state', String((api.cmi.suspend_data || '').length));
      };
    } else {
      api = new Scorm12API({ logLevel: 4, autocommit: false });
      if (saved) { try { api.loadFromJSON(JSON.parse(saved), ''); api.cmi.core.entry = 'resume'; } catch (e) {} }
      api.cmi.core.student_id = 'preview';
      api.cmi.core.student_name = 'Preview, Author';
      if (page) api.cmi.core.lesson_location = page;
      show = function () {
        text('status', api.cmi.core.lesson_status || 'not attempted');
        text('score', score(api.cmi.core.score.raw));
        text('state', String((api.cmi.suspend_data || '').length));
      };
    }
    function keep() {
      if (forgotten) return;
      if (page) return show();
      var json = api.renderCMIToJSONObject().cmi;
      delete json.interactions;
      localStorage.setItem(KEY, JSON.stringify(json));
      show();
    }
    if (scorm2004) {
      api.on('Commit', keep);
      api.on('Terminate', keep);
      window.API_1484_11 = api;
    } else {
      api.on('LMSCommit', keep);
      api.on('LMSFinish', keep);
      window.API = api;
    }
    show();
  }
  start();
  var frame = document.getElementById('course');
  frame.src = base + '/course/index.html';
  document.getElementById('reset').addEventListener('click', function () {
    forgotten = true;
    localStorage.removeItem(KEY);
    location.reload();
  });
  var events = new EventSource(base + '/events');
  events.onmessage = function () { location.reload(); };
})();
`;

/** What the course frame shows when the sources have errors: the diagnostics, not a crash. */
export function diagnosticsPage(report: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>The course has errors</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #1f2328; } pre { background: #f6f8fa; padding: 1rem; overflow: auto; border-left: 4px solid #b3261e; white-space: pre-wrap; }</style>
</head>
<body>
<h1>The course has errors</h1>
<p>Fix them and save: the preview rebuilds by itself.</p>
<pre>${escapeHtml(report)}</pre>
</body>
</html>
`;
}
