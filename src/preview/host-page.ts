/** The preview host page: a simulated LMS (scorm-again's SCORM 1.2 runtime) around the course. */
import { escapeHtml } from '../player/core/format.js';

export function hostPage(title: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${escapeHtml(title)}</title>
<style>
  body { margin: 0; font: 15px/1.5 system-ui, sans-serif; display: grid; grid-template-rows: auto 1fr; height: 100vh; background: #eef0f3; }
  header { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: center; padding: .5rem 1rem; background: #1f2328; color: #fff; }
  header strong { margin-right: auto; }
  header output { font-family: ui-monospace, monospace; }
  header button { font: inherit; min-height: 36px; }
  iframe { border: 0; width: 100%; height: 100%; background: #fff; }
</style>
<script src="/scorm-again/scorm12.min.js"></script>
</head>
<body>
<header>
  <strong>Preview (simulated LMS, SCORM 1.2): ${escapeHtml(title)}</strong>
  <span>status <output id="status">not attempted</output></span>
  <span>score <output id="score">–</output></span>
  <span>state <output id="state">0</output> / 4096</span>
  <button type="button" id="reset">Forget progress</button>
</header>
<iframe id="course" title="${escapeHtml(title)}"></iframe>
<script src="/preview.js"></script>
</body>
</html>
`;
}

/** Runs in the host page: the LMS, its live readout, progress kept across reloads, live reload. */
export const HOST_SCRIPT = `(function () {
  var KEY = 'coursepack-preview-cmi';
  function start() {
    var api = new Scorm12API({ logLevel: 4, autocommit: false });
    var saved = localStorage.getItem(KEY);
    if (saved) { try { api.loadFromJSON(JSON.parse(saved), ''); api.cmi.core.entry = 'resume'; } catch (e) {} }
    api.cmi.core.student_id = 'preview';
    api.cmi.core.student_name = 'Preview, Author';
    function show() {
      document.getElementById('status').textContent = api.cmi.core.lesson_status || 'not attempted';
      document.getElementById('score').textContent = api.cmi.core.score.raw === '' ? '–' : api.cmi.core.score.raw;
      document.getElementById('state').textContent = String((api.cmi.suspend_data || '').length);
    }
    function keep() {
      var json = api.renderCMIToJSONObject().cmi;
      delete json.interactions;
      localStorage.setItem(KEY, JSON.stringify(json));
      show();
    }
    api.on('LMSCommit', keep);
    api.on('LMSFinish', keep);
    window.API = api;
    show();
  }
  start();
  var frame = document.getElementById('course');
  frame.src = '/course/index.html';
  document.getElementById('reset').addEventListener('click', function () {
    localStorage.removeItem(KEY);
    location.reload();
  });
  var events = new EventSource('/events');
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
