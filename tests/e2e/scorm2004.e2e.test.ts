/**
 * SCORM 2004 4th edition in Chromium: the counsellor training played with the mouse inside a host
 * page where scorm-again's Scorm2004API, wrapped by StrictScorm2004 (LMS-RULES.md 24–29), is
 * `window.API_1484_11`. Every page, the assessment passed; the LMS holds completed/passed.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, COUNSELLOR, ROOT } from '../support/build.js';
import { launchBrowser, type Browser } from './support/browser.js';
import { assessment, presentedQuestions, rightAnswer, type PlayerData } from './support/course.js';
import { MouseLearner } from './support/mouse.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const HOST = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test LMS 2004</title><link rel="icon" href="data:,">
<style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; }</style>
<script src="/scorm2004.min.js"></script><script src="/strict.js"></script></head>
<body><iframe id="sco" title="Course"></iframe><script>
  const lms = new Scorm2004API({ logLevel: 5, autocommit: false });
  lms.cmi.learner_id = 'learner-1';
  lms.cmi.learner_name = 'Learner, Test';
  window.API_1484_11 = new StrictScorm2004(lms);
  document.getElementById('sco').src = '/pkg/index.html';
</script></body></html>`;

let server: Server;
let base = '';
let browser: Browser;

beforeAll(async () => {
  const pkg = await buildPackage(COUNSELLOR, 'scorm2004', 'en');
  const strict = (await build({ entryPoints: [resolve(import.meta.dirname, 'support/strict-2004-entry.ts')], bundle: true, format: 'iife', write: false, logLevel: 'silent' })).outputFiles[0]!.text;
  const runtime = readFileSync(resolve(ROOT, 'node_modules/scorm-again/dist/scorm2004.min.js'));
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = path.startsWith('/pkg/') ? pkg.files.find((f) => f.path === path.slice(5))?.data : undefined;
    const body = path === '/' ? HOST : path === '/strict.js' ? strict : path === '/scorm2004.min.js' ? runtime : file;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': path === '/' ? TYPES['.html']! : (TYPES[extname(path)] ?? 'application/octet-stream') });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server?.close(() => r()));
});

describe('SCORM 2004 in a real browser', () => {
  it('a learner reads every page and passes: completed, passed, scaled 1, no rule broken', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    const frame = page.frameLocator('#sco');
    await frame.locator('html[data-cp-ready]').waitFor();
    const handle = page.frames().find((f) => f.url().endsWith('/pkg/index.html'))!;
    const learner = new MouseLearner(page, handle);
    const data = JSON.parse((await frame.locator('#cp-data').textContent())!) as PlayerData;
    const order = [...data.pages.map((p) => p.id), ...data.assessments.map((a) => a.id)];
    for (const id of order.slice(1)) await learner.next(id);
    const aid = data.assessments[0]!.id;
    await learner.startAttempt(aid);
    for (const qid of await presentedQuestions(handle, aid)) await learner.answer(assessment.fieldset(aid, qid), rightAnswer(data.questions[qid]!));
    await learner.submitAttempt(aid);
    await page.evaluate(() => (document.getElementById('sco') as HTMLIFrameElement).contentWindow!.dispatchEvent(new Event('pagehide')));
    // What the content set, as the wrapper saw the LMS accept it (scorm-again answers nothing after Terminate).
    const lms = await page.evaluate(() => {
      const api = (window as unknown as { API_1484_11: { violations: string[]; terminateCount: number; values: Map<string, string> } }).API_1484_11;
      const v = (e: string) => api.values.get(e);
      return { violations: api.violations, terminated: api.terminateCount, completion: v('cmi.completion_status'), success: v('cmi.success_status'), scaled: v('cmi.score.scaled'), raw: v('cmi.score.raw'), exit: v('cmi.exit') };
    });
    expect(lms.violations).toEqual([]);
    expect(lms.terminated).toBe(1);
    expect(lms.completion).toBe('completed');
    expect(lms.success).toBe('passed');
    expect(lms.scaled).toBe('1');
    expect(lms.raw).toBe('100');
    // Suspend even when done: Moodle loads an attempt back, for its review too, only after exit=suspend.
    expect(lms.exit).toBe('suspend');
    expect(errors).toEqual([]);
    await page.close();
  });
});
