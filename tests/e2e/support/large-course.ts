/**
 * DESIGN.md's 1000-page course (scripts/generate-course.ts) built and served for the scale tests:
 * a package under /pkg/, and a SCORM 2004 host page where scorm-again's Scorm2004API, held to
 * LMS-RULES.md by StrictScorm2004, is the LMS (with the manifest's completion threshold); `/?resume=1` relaunches with the CMI it last saved.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { generateCourse, LARGE_COURSE, type GeneratedCourseShape } from '../../../scripts/generate-course.js';
import type { BuiltPackage } from '../../../src/package/build.js';
import { buildPackage, ROOT } from '../../support/build.js';
import { manifestThreshold } from '../../support/dom-lms-2004.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

const HOST = (resume: boolean, threshold: string) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS 2004</title><link rel="icon" href="data:,">
<style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; }</style>
<script src="/scorm2004.min.js"></script><script src="/strict.js"></script></head>
<body><iframe id="sco" title="Course"></iframe><script>
  const lms = new Scorm2004API({ logLevel: 5, autocommit: false });
  ${resume ? "lms.loadFromJSON(JSON.parse(sessionStorage.getItem('cmi')), ''); lms.cmi.entry = 'resume';" : ''}
  ${threshold ? `lms.cmi.completion_threshold = '${threshold}';` : ''}
  lms.cmi.learner_id = 'learner-1';
  lms.cmi.learner_name = 'Learner, Test';
  window.API_1484_11 = new StrictScorm2004(lms);
  document.getElementById('sco').src = '/pkg/index.html';
</script></body></html>`;

export interface Served {
  origin: string;
  pkg: BuiltPackage;
  close(): Promise<void>;
}

/** Generates a course of `shape` in a temporary folder; `remove()` deletes it. */
export function generated(shape: GeneratedCourseShape = LARGE_COURSE): { dir: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'coursepack-large-'));
  return { dir: generateCourse(root, shape), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Builds `course` for `target` (en) and serves it, with the SCORM 2004 host page at `/`. */
export async function serveBuilt(course: string, target: string): Promise<Served> {
  const pkg = await buildPackage(course, target, 'en');
  // As an LMS does: the manifest's completion threshold becomes cmi.completion_threshold.
  const threshold = target === 'scorm2004' ? manifestThreshold(pkg) : '';
  const strict = (await build({ entryPoints: [resolve(import.meta.dirname, 'strict-2004-entry.ts')], bundle: true, format: 'iife', write: false, logLevel: 'silent' })).outputFiles[0]!.text;
  const runtime = readFileSync(resolve(ROOT, 'node_modules/scorm-again/dist/scorm2004.min.js'));
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const file = path.startsWith('/pkg/') ? pkg.files.find((f) => f.path === decodeURIComponent(path.slice(5)))?.data : undefined;
    const body = path === '/' ? HOST(url.searchParams.has('resume'), threshold) : path === '/strict.js' ? strict : path === '/scorm2004.min.js' ? runtime : file;
    if (body === undefined) {
      res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': path === '/' ? TYPES['.html']! : (TYPES[extname(path)] ?? 'application/octet-stream'), 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // The browser may still hold keep-alive connections: close them, or close() waits for them.
  const close = () => new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  });
  return { origin, pkg, close };
}
