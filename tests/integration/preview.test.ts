/** `coursepack preview`: a local server with a simulated LMS that rebuilds on change and shows errors in the page. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { testdir, validCourse } from '../support/testdir.js';

let preview: Preview | undefined;
afterEach(async () => {
  await preview?.close();
  preview = undefined;
});

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};

/** A course whose worst-case learner state is over SCORM 1.2's 4096 characters but within SCORM 2004's 64000 (as in tests/unit/state.test.ts). */
function hugeStateCourse() {
  // Learners' text is what fills a state: three reflections of 1500 characters.
  const questions = [...Array.from({ length: 3 }, (_, i) => `  - id: big-${i}\n    type: free-text\n    prompt: { en: P, fr: P }\n    maxLength: 1500`), '  - { id: a-one, type: true-false, prompt: { en: P, fr: P }, answer: true }'].join('\n');
  return validCourse({ 'assessment.yaml': `id: final\ntitle: { en: F, fr: F }\npassingScore: 80\nattempts: 3\nquestions:\n${questions}\n` });
}

async function until(check: () => boolean, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('coursepack preview', () => {
  it('serves the course inside a simulated LMS on 127.0.0.1', async () => {
    const dir = testdir(validCourse());
    preview = await startPreview({ course: dir, port: 0, cwd: dir, log: () => {} });
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const host = await get(preview.url);
    expect(host.text).toContain('/scorm-again/scorm12.min.js');
    expect(host.text).toContain('Sample course');
    expect((await get(`${preview.url}scorm-again/scorm12.min.js`)).text).toContain('Scorm12API');
    const course = await get(`${preview.url}course/index.html`);
    expect(course.type).toMatch(/text\/html/);
    expect(course.text).toContain('<html lang="en">');
    expect((await get(`${preview.url}course/player.js`)).status).toBe(200);
    expect((await get(`${preview.url}course/assets/pic.svg`)).type).toBe('image/svg+xml');
    expect((await get(`${preview.url}course/../../etc/passwd`)).status).toBe(404);
  });

  it('rebuilds when a file changes, tells the page to reload, and shows errors instead of crashing', async () => {
    const dir = testdir(validCourse());
    preview = await startPreview({ course: dir, port: 0, cwd: dir, log: () => {} });
    const events = await fetch(`${preview.url}events`);
    const reader = events.body!.getReader();
    const first = preview.version;
    const module = join(dir, 'modules/one.yaml');
    writeFileSync(module, readFileSync(module, 'utf8').replace('title: { en: Welcome, fr: Bienvenue }', 'title: { en: Hello there, fr: Bonjour }'));
    await until(() => preview!.version > first);
    const chunk = new TextDecoder().decode((await reader.read()).value);
    expect(chunk).toMatch(/connected|data: \d+/);
    expect((await get(`${preview.url}course/index.html`)).text).toContain('Hello there');

    const second = preview.version;
    writeFileSync(module, readFileSync(module, 'utf8').replace('#quiz-page', '#nowhere'));
    await until(() => preview!.version > second);
    const page = await get(`${preview.url}course/index.html`);
    expect(page.text).toContain('The course has errors');
    expect(page.text).toContain('[dangling-reference]');
    await reader.cancel();
  });

  it('with target scorm2004, serves a course too large for SCORM 1.2 inside scorm-again\'s SCORM 2004 runtime', async () => {
    const dir = testdir(hugeStateCourse());
    const logs: string[] = [];
    preview = await startPreview({ course: dir, port: 0, cwd: dir, log: (line) => logs.push(line) });
    const refused = await get(`${preview.url}course/index.html`);
    expect(refused.text).toContain('[state-too-large]');
    expect(refused.text).toContain('4096');
    await preview.close();
    preview = undefined;

    preview = await startPreview({ course: dir, port: 0, cwd: dir, target: 'scorm2004', log: (line) => logs.push(line) });
    expect(logs.at(-1)).toBe('preview: built sample (en, scorm2004)');
    const host = await get(preview.url);
    expect(host.text).toContain('<script src="/scorm-again/scorm2004.min.js">');
    expect(host.text).not.toContain('scorm12');
    expect(host.text).toContain('simulated LMS, SCORM 2004 4th Edition');
    expect(host.text).toContain('id="completion"');
    expect(host.text).toContain('id="success"');
    expect(host.text).toMatch(/<output id="state">0<\/output> \/ 64000</);
    expect(host.text).toContain('data-threshold="1"');
    const runtime = await get(`${preview.url}scorm-again/scorm2004.min.js`);
    expect(runtime.status).toBe(200);
    expect(runtime.text).toContain('Scorm2004API');
    expect((await get(`${preview.url}scorm-again/scorm12.min.js`)).status).toBe(404);
    const script = (await get(`${preview.url}preview.js`)).text;
    expect(script).toContain('window.API_1484_11 = api');
    const course = await get(`${preview.url}course/index.html`);
    expect(course.text).toContain('<html lang="en">');
    expect(course.text).not.toContain('The course has errors');
    expect((await get(`${preview.url}course/imsmanifest.xml`)).text).toContain('adlcp_v1p3');
  });

  it('the SCORM 1.2 host page shows the SCORM 1.2 limit, from the target', async () => {
    const dir = testdir(validCourse());
    preview = await startPreview({ course: dir, port: 0, cwd: dir, log: () => {} });
    const host = await get(preview.url);
    expect(host.text).toContain('simulated LMS, SCORM 1.2');
    expect(host.text).toMatch(/<output id="state">0<\/output> \/ 4096</);
    expect(host.text).not.toContain('scorm2004');
    // Progress is kept per course and language: another course on the same port starts fresh.
    expect(host.text).toContain('data-course="sample:en"');
  });

  it('--target scorm2004 from the command line; xapi, cmi5, web or an unknown target is a usage error (exit 2)', async () => {
    const dir = testdir(Object.fromEntries(Object.entries(hugeStateCourse()).map(([p, c]) => [`courses/sample/${p}`, c])));
    const out: string[] = [];
    const err: string[] = [];
    let stop!: () => void;
    const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir, color: false, waitForStop: () => new Promise<void>((r) => (stop = r)) };
    const running = run(['preview', '--port', '0', '--target', 'scorm2004'], io);
    await until(() => out.join('').includes('preview: http://127.0.0.1:'));
    const url = /preview: (\S+)/.exec(out.join(''))![1]!;
    expect((await get(url)).text).toContain('/scorm-again/scorm2004.min.js');
    expect((await get(`${url}course/index.html`)).text).not.toContain('The course has errors');
    stop();
    expect(await running).toBe(0);
    expect(err.join('')).toContain('built sample (en, scorm2004)');

    for (const target of ['xapi', 'cmi5', 'web', 'scorm']) {
      const messages: string[] = [];
      const code = await run(['preview', '--port', '0', '-t', target], { ...io, stdout: (t) => messages.push(t), stderr: (t) => messages.push(t) });
      expect(code).toBe(2);
      const message = messages.join('');
      expect(message).toContain(`preview --target must be scorm12 or scorm2004, not "${target}"`);
      expect(message).toContain('xAPI and cmi5 packages report to an LRS, so they cannot be previewed here');
      expect(message).not.toContain('preview: http');
    }
  });

  it('prints its URL from the command line and stops when asked', async () => {
    const dir = testdir(Object.fromEntries(Object.entries(validCourse()).map(([p, c]) => [`courses/sample/${p}`, c])));
    const out: string[] = [];
    let stop!: () => void;
    const io: Io = { stdout: (t) => out.push(t), stderr: () => {}, cwd: dir, color: false, waitForStop: () => new Promise<void>((r) => (stop = r)) };
    const running = run(['preview', '--port', '0'], io);
    await until(() => out.join('').includes('preview: http://127.0.0.1:'));
    const url = /preview: (\S+)/.exec(out.join(''))![1]!;
    expect((await get(url)).status).toBe(200);
    stop();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });
});
