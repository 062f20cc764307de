/**
 * The LMS host page (TESTING.md §3): scorm-again's Scorm12API wrapped by StrictScorm12 as
 * `window.API`, the package in an iframe. `?resume=KEY` loads the CMI saved under KEY on the
 * server (as an LMS does after exit=suspend) with entry=resume; `?pkg=NAME` picks the mount.
 */
export const HOST_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Test LMS</title>
<link rel="icon" href="data:,">
<style>
  html, body { margin: 0; height: 100%; }
  #sco { display: block; border: 0; width: 100%; height: 100%; }
</style>
<script src="/scorm-again/dist/scorm12.min.js"></script>
<script src="/strict-scorm12.js"></script>
</head>
<body>
<iframe id="sco" title="Course"></iframe>
<script>
(async () => {
  const params = new URLSearchParams(location.search);
  const lms = new Scorm12API({ lmsCommitUrl: '/commit', logLevel: 5, autocommit: false });
  const key = params.get('resume');
  if (key) {
    const saved = await (await fetch('/cmi/' + encodeURIComponent(key))).json();
    lms.loadFromJSON(saved, '');
    lms.cmi.core.entry = 'resume';
  } else {
    lms.cmi.core.entry = 'ab-initio';
  }
  lms.cmi.core.credit = 'credit';
  lms.cmi.core.lesson_mode = 'normal';
  lms.cmi.core.student_id = 'learner-1';
  lms.cmi.core.student_name = 'Learner, Test';
  window.API = new StrictScorm12(lms);
  document.getElementById('sco').src = '/' + (params.get('pkg') || 'pkg') + '/index.html';
})().catch((error) => { window.hostError = String(error); });
</script>
</body>
</html>
`;
