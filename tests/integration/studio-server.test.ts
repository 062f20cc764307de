/** `coursepack studio`'s server over real HTTP on 127.0.0.1: the course and its files, edits with conflicts, undo/redo, the guards. */
import { lstatSync, readFileSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextEvent, openStudio } from '../support/studio.js';
import { testdir, validCourse } from '../support/testdir.js';

const MODULE = 'modules/one.yaml';

describe('studio server: course and files', () => {
  it('gives the course tree with YAML paths, and each file with its version and data', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const { status, body } = await s.json('/api/course');
    expect(status).toBe(200);
    expect(body.languages).toEqual(['en', 'fr']);
    expect(body.sourceLanguage).toBe('en');
    expect(body.files.map((f: any) => [f.path, f.kind])).toEqual([
      ['course.yaml', 'course'],
      [MODULE, 'module'],
      ['assessment.yaml', 'assessment'],
    ]);
    const page = body.course.modules[0].pages[1];
    expect(page).toMatchObject({ id: 'quiz-page', title: 'Quiz', path: ['pages', 1] });
    expect(page.blocks[0]).toMatchObject({ type: 'check', id: 'check-one', path: ['pages', 1, 'blocks', 0] });
    expect(page.blocks[0].questions[0]).toMatchObject({ id: 'q-one', type: 'true-false', label: 'Is it true?', path: ['pages', 1, 'blocks', 0, 'questions', 0] });
    expect(body.course.assessments[0].questions.map((q: any) => q.path)).toEqual([['questions', 0], ['questions', 1]]);

    const file = await s.json(`/api/file?path=${MODULE}`);
    expect(file.body).toMatchObject({ path: MODULE, kind: 'module', text: readFileSync(join(dir, MODULE), 'utf8') });
    expect(file.body.version).toMatch(/^[0-9a-f]{16}$/);
    expect(file.body.data.pages[0].id).toBe('welcome');
  });

  it('edits a file keeping the rest of its text, and refuses an edit made on an older version (409, nothing written)', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const before = (await s.json(`/api/file?path=${MODULE}`)).body;
    const edit = await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: before.version, ops: [{ op: 'set', path: ['pages', 0, 'title', 'fr'], value: 'Salut' }] }) });
    expect(edit.status).toBe(200);
    expect(edit.body.text).toBe(before.text.replace('fr: Bienvenue', 'fr: Salut'));
    expect(readFileSync(join(dir, MODULE), 'utf8')).toBe(edit.body.text);

    // Someone changes the file in an editor; the studio still holds the version it edited.
    const external = edit.body.text.replace('title: { en: One, fr: Un }', 'title: { en: Uno, fr: Un }');
    writeFileSync(join(dir, MODULE), external);
    const stale = await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: edit.body.version, ops: [{ op: 'set', path: ['id'], value: 'other' }] }) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(stale.body.current.text).toBe(external);
    expect(readFileSync(join(dir, MODULE), 'utf8')).toBe(external);
  });

  it('of two edits made at once on the same version, one is written and the other is a conflict', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const { version } = (await s.json(`/api/file?path=${MODULE}`)).body;
    const edit = (value: string) => s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: version, ops: [{ op: 'set', path: ['pages', 0, 'title', 'en'], value }] }) });
    const [a, b] = await Promise.all([edit('First'), edit('Second')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? a : b;
    expect(readFileSync(join(dir, MODULE), 'utf8')).toBe(winner.body.text);
    expect((a.status === 409 ? a : b).body.current.text).toBe(winner.body.text);
  });

  it('writes through a link that stays inside the course, keeping the link', async () => {
    const dir = testdir({ ...validCourse(), 'modules/alias.yaml': { symlink: 'one.yaml' } });
    const s = await openStudio({ courseDir: dir });
    const { version } = (await s.json('/api/file?path=modules/alias.yaml')).body;
    expect((await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: 'modules/alias.yaml', baseVersion: version, ops: [{ op: 'set', path: ['id'], value: 'uno' }] }) })).status).toBe(200);
    expect(lstatSync(join(dir, 'modules/alias.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, MODULE), 'utf8')).toContain('id: uno');
  });

  it('answers 400 to an op that does not fit the file', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    const { version } = (await s.json(`/api/file?path=${MODULE}`)).body;
    const bad = await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: version, ops: [{ op: 'delete', path: ['pages', 9] }] }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad-op');
  });

  it('undoes and redoes edits by restoring bytes, and refuses to undo over a change made on disk', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const original = readFileSync(join(dir, MODULE), 'utf8');
    const { version } = (await s.json(`/api/file?path=${MODULE}`)).body;
    const edited = (await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: version, ops: [{ op: 'move', path: ['pages'], from: 1, to: 0 }] }) })).body;
    const undo = await s.json('/api/undo', { method: 'POST' });
    expect(undo.body).toMatchObject({ path: MODULE, version });
    expect(readFileSync(join(dir, MODULE), 'utf8')).toBe(original);
    const redo = await s.json('/api/redo', { method: 'POST' });
    expect(redo.body.version).toBe(edited.version);
    expect(readFileSync(join(dir, MODULE), 'utf8')).toBe(edited.text);
    writeFileSync(join(dir, MODULE), `${edited.text}# a comment added in an editor\n`);
    const refused = await s.json('/api/undo', { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(readFileSync(join(dir, MODULE), 'utf8')).toBe(`${edited.text}# a comment added in an editor\n`);
  });

  it('creates a module listed in course.yaml, and deletes it', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const created = await s.json('/api/files', { method: 'POST', body: JSON.stringify({ kind: 'module', file: 'modules/two.yaml', id: 'two', title: 'Two' }) });
    expect(created.status).toBe(200);
    expect(readFileSync(join(dir, 'course.yaml'), 'utf8')).toContain('  - modules/one.yaml\n  - modules/two.yaml\n');
    expect(readFileSync(join(dir, 'modules/two.yaml'), 'utf8')).toContain('id: two');
    expect((await s.json('/api/files', { method: 'POST', body: JSON.stringify({ kind: 'module', file: 'modules/two.yaml', id: 'two', title: 'Two' }) })).status).toBe(409);
    const deleted = await s.json('/api/files?path=modules/two.yaml', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(readFileSync(join(dir, 'course.yaml'), 'utf8')).toBe(validCourse()['course.yaml']);
  });

  it('serves the JSON Schemas of the three file kinds', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    const { body } = await s.json('/api/schema');
    expect(Object.keys(body).sort()).toEqual(['assessment', 'course', 'module']);
    expect(body.module.properties.pages.type).toBe('array');
  });

  it('serves the interface strings of a language, falling back to its base language, then English', async () => {
    const strings = testdir({ 'en.json': '{ "app.title": "Studio" }', 'fr.json': '{ "app.title": "Atelier" }' });
    const s = await openStudio({ courseDir: testdir(validCourse()), stringsDir: strings });
    const fr = await s.api('/api/strings?lang=fr-CA');
    expect(fr.headers.get('content-language')).toBe('fr');
    expect(await fr.json()).toEqual({ 'app.title': 'Atelier' });
    expect((await s.json('/api/strings?lang=pl')).body).toEqual({ 'app.title': 'Studio' });
    expect((await s.json('/api/strings?lang=%3Cscript%3E')).status).toBe(400);
  });

  it('takes the token in the address of the event stream only (EventSource sends no headers)', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    const stream = await s.api(`/api/events?token=${s.studio.token}`, { token: null });
    expect(stream.status).toBe(200);
    await stream.body?.cancel();
    expect((await s.api('/api/events?token=wrong', { token: null })).status).toBe(403);
    expect((await s.api(`/api/course?token=${s.studio.token}`, { token: null })).status).toBe(403);
  });

  it('sends a changed event for a change made on disk, not for its own writes', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const events = await s.api('/api/events');
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const { version } = (await s.json(`/api/file?path=${MODULE}`)).body;
    await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: version, ops: [{ op: 'set', path: ['id'], value: 'uno' }] }) });
    writeFileSync(join(dir, 'assessment.yaml'), `${readFileSync(join(dir, 'assessment.yaml'), 'utf8')}# edited elsewhere\n`);
    const changed = await nextEvent(events, (event) => event === 'changed');
    expect(changed.data.path).toBe('assessment.yaml');
    expect(changed.data.version).toMatch(/^[0-9a-f]{16}$/);
    await events.body?.cancel();
  });
});

describe('studio server: security', () => {
  it('refuses /api requests without the token, or with a wrong one (403)', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    expect((await s.api('/api/course', { token: null })).status).toBe(403);
    expect((await s.api('/api/course', { token: 'wrong' })).status).toBe(403);
    expect((await s.api('/api/edit', { token: null, method: 'POST', body: '{}' })).status).toBe(403);
    expect((await fetch(`${s.base}/`)).status).toBe(403);
    expect((await s.api('/api/course')).status).toBe(200);
  });

  it('refuses a Host that is not its own (DNS rebinding) and a write from another Origin', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    const token = { 'x-studio-token': s.studio.token };
    expect((await s.raw('GET', '/api/course', { ...token, host: 'evil.example' })).status).toBe(403);
    expect((await s.raw('GET', '/api/course', { ...token, host: `evil.example:${s.studio.port}` })).status).toBe(403);
    expect((await s.raw('GET', '/api/course', { ...token, host: `localhost:${s.studio.port}` })).status).toBe(200);
    const undo = (origin: string) => s.raw('POST', '/api/undo', { ...token, host: `127.0.0.1:${s.studio.port}`, origin });
    expect((await undo('http://evil.example')).status).toBe(403);
    expect((await undo(`http://127.0.0.1:${s.studio.port + 1}`)).status).toBe(403);
    // Its own origin passes the guard (and finds nothing to undo).
    expect((await undo(`http://127.0.0.1:${s.studio.port}`)).status).toBe(409);
  });

  it('never reads or writes outside the course folder: .., absolute, NUL and links out are 400', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'coursepack-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'secret: 1\n');
    const dir = testdir(validCourse());
    symlinkSync(outside, join(dir, 'escape'));
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'link.yaml'));
    const s = await openStudio({ courseDir: dir });
    for (const path of ['../secret.yaml', 'modules/../../secret.yaml', '/etc/passwd', `${outside}/secret.yaml`, 'C:\\secret.yaml', 'modules/one.yaml%00.png', 'escape/secret.yaml', 'link.yaml']) {
      const res = await s.json(`/api/file?path=${encodeURIComponent(decodeURIComponent(path))}`);
      expect([path, res.status, res.body.error.code]).toEqual([path, 400, 'bad-path']);
    }
    const write = await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: 'escape/secret.yaml', baseVersion: 'x', ops: [{ op: 'set', path: ['secret'], value: 2 }] }) });
    expect(write.status).toBe(400);
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe('secret: 1\n');
  });

  it('listens on 127.0.0.1 only: the port is closed on every other address of the machine', async () => {
    const s = await openStudio({ courseDir: testdir(validCourse()) });
    expect(s.studio.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${s.studio.port}/\\?token=[A-Za-z0-9_-]{32}$`));
    const others = ['::1', ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((i) => !i.internal).map((i) => i.address))];
    for (const host of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host, port: s.studio.port }, () => (socket.destroy(), resolve(true)));
        socket.on('error', () => resolve(false));
      });
      expect([host, reached]).toEqual([host, false]);
    }
    const loopback = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: s.studio.port }, () => (socket.destroy(), resolve(true)));
      socket.on('error', () => resolve(false));
    });
    expect(loopback).toBe(true);
  });
});
