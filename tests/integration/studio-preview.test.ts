/** The studio's preview over real HTTP: the host page of coursepack preview under the session token, rebuilt after an edit. */
import { describe, expect, it } from 'vitest';
import { openStudio } from '../support/studio.js';
import { testdir, validCourse } from '../support/testdir.js';

describe('studio preview', () => {
  it('serves the simulated LMS at the page asked for, its files under the token, and the package of the language', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    const token = s.studio.token;
    const host = await fetch(`${s.base}/preview/?token=${token}&lang=fr&page=quiz-page`);
    expect(host.status).toBe(200);
    expect(host.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await host.text();
    // The page's files are under the course's generation (0: nothing changed yet).
    const base = `/preview/${token}/fr/g0`;
    expect(html).toContain(`data-base="${base}" data-page="quiz-page"`);
    expect(html).toContain(`<script src="${base}/scorm-again/scorm12.min.js"></script>`);
    expect(html).toContain('Cours exemple');
    expect(await (await fetch(`${s.base}${base}/scorm-again/scorm12.min.js`)).text()).toContain('Scorm12API');
    expect(await (await fetch(`${s.base}${base}/preview.js`)).text()).toContain("getAttribute('data-page')");
    const index = await fetch(`${s.base}${base}/course/index.html`);
    expect(await index.text()).toContain('<html lang="fr"');
    expect((await fetch(`${s.base}${base}/course/player.js`)).status).toBe(200);
    // Only the package's own files, from memory: nothing on disk is reachable through the preview.
    expect((await fetch(`${s.base}${base}/course/%2e%2e%2f%2e%2e%2fcourse.yaml`)).status).toBe(404);
    expect((await fetch(`${s.base}${base}/course/modules/one.yaml`)).status).toBe(404);
  });

  it('refuses the preview without the token, and a language or page that is not the course\'s', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    expect((await fetch(`${s.base}/preview/?lang=fr`)).status).toBe(403);
    expect((await fetch(`${s.base}/preview/wrong/fr/course/index.html`)).status).toBe(403);
    expect((await fetch(`${s.base}/preview/?token=${s.studio.token}&lang=de`)).status).toBe(400);
    expect((await fetch(`${s.base}/preview/?token=${s.studio.token}&page=%22%3E%3Cscript%3E`)).status).toBe(400);
  });

  it('tells the page to reload after an edit, and serves the new build', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    const base = `${s.base}/preview/${s.studio.token}/en`;
    expect(await (await fetch(`${base}/course/index.html`)).text()).not.toContain('Greetings');
    const events = await fetch(`${base}/events`);
    const reader = events.body!.getReader();
    await reader.read(); // ": connected"
    const { version } = (await s.json('/api/file?path=modules/one.yaml')).body;
    await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: 'modules/one.yaml', baseVersion: version, ops: [{ op: 'set', path: ['pages', 0, 'title', 'en'], value: 'Greetings' }] }) });
    const message = new TextDecoder().decode((await reader.read()).value);
    expect(message).toMatch(/^data: \d+/);
    await reader.cancel();
    expect(await (await fetch(`${base}/course/index.html`)).text()).toContain('Greetings');
  });

  it('tells a page served before an edit to reload when its events connect only after it', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    const html = await (await fetch(`${s.base}/preview/?token=${s.studio.token}&lang=en`)).text();
    const base = /data-base="([^"]+)"/.exec(html)![1]!;
    const { version } = (await s.json('/api/file?path=modules/one.yaml')).body;
    await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: 'modules/one.yaml', baseVersion: version, ops: [{ op: 'set', path: ['pages', 0, 'title', 'en'], value: 'Greetings' }] }) });
    const reader = (await fetch(`${s.base}${base}/events`)).body!.getReader();
    let text = '';
    while (!/data: \d+/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    // A page served after the edit is not told to reload.
    const fresh = /data-base="([^"]+)"/.exec(await (await fetch(`${s.base}/preview/?token=${s.studio.token}&lang=en`)).text())![1]!;
    expect(fresh).not.toBe(base);
    const quiet = (await fetch(`${s.base}${fresh}/events`)).body!.getReader();
    const first = new TextDecoder().decode((await quiet.read()).value);
    const next = await Promise.race([quiet.read().then((r) => new TextDecoder().decode(r.value)), new Promise<string>((r) => setTimeout(() => r('nothing'), 500))]);
    await quiet.cancel();
    expect(first + next).not.toMatch(/data: /);
  });
});
