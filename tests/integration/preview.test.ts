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
