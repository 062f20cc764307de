/** `coursepack studio`'s server running coursepack on the course: diagnostics, translations, XLIFF, build, new course, image upload. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, openStudio } from '../support/studio.js';
import { testdir, validCourse } from '../support/testdir.js';

const MODULE = 'modules/one.yaml';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);
const temps: string[] = [];
afterEach(() => {
  while (temps.length) rmSync(temps.pop()!, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'coursepack-studio-'));
  temps.push(dir);
  return dir;
};

describe('studio server: checking', () => {
  it('gives the diagnostics of coursepack check, each at its YAML path, and sends them again after an edit', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    expect((await s.json('/api/diagnostics')).body.diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    const events = await s.api('/api/events');
    const { version } = (await s.json(`/api/file?path=${MODULE}`)).body;
    await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: version, ops: [{ op: 'set', path: ['pages', 0, 'title'], value: { en: 'Welcome' } }] }) });
    const sent = await nextEvent(events, (event, data) => event === 'diagnostics' && data.diagnostics.length > 0);
    const missing = sent.data.diagnostics.find((d: any) => d.code === 'untranslated-text');
    expect(missing).toMatchObject({ file: MODULE, severity: 'error', yamlPath: ['pages', 0, 'title'] });
    expect(missing.line).toBeGreaterThan(0);
    const now = (await s.json('/api/diagnostics')).body.diagnostics;
    expect(now.find((d: any) => d.code === 'untranslated-text')).toMatchObject({ yamlPath: ['pages', 0, 'title'] });
    await events.body?.cancel();
  });
});

describe('studio server: translations', () => {
  it('marks each text translated, missing or stale from the translation records, and round-trips XLIFF through the files', async () => {
    const dir = testdir(validCourse({ 'modules/one.yaml': (validCourse()['modules/one.yaml'] as string).replace('title: { en: One, fr: Un }', 'title: { en: One }') }));
    const s = await openStudio({ courseDir: dir });
    const before = (await s.json('/api/translations?lang=fr')).body.records;
    const title = before.find((r: any) => r.key === `${MODULE}#title`);
    expect(title).toMatchObject({ file: MODULE, yamlPath: ['title'], source: 'One', target: null, state: 'missing' });
    expect(before.find((r: any) => r.key === `${MODULE}#pages.0.title`)).toMatchObject({ source: 'Welcome', target: 'Bienvenue', state: 'translated' });

    const xliffRes = await s.api('/api/xliff?lang=fr');
    expect(xliffRes.headers.get('content-type')).toMatch(/application\/xliff\+xml/);
    const xliff = await xliffRes.text();
    expect(xliff).toContain(`id="${MODULE}#title"`);
    const translated = xliff.replace(/(<trans-unit id="modules\/one\.yaml#title"[^>]*>\s*<source>One<\/source>)/, '$1<target state="translated">Un</target>');
    const imported = await s.json('/api/xliff', { method: 'POST', body: translated });
    expect(imported.status).toBe(200);
    expect(imported.body.changed.sort()).toEqual(['i18n/fr.json', MODULE]);
    expect(readFileSync(join(dir, MODULE), 'utf8')).toContain('title: { en: One, fr: Un }');

    // The English text changes after the translation was made: the record says it is stale.
    const { version } = (await s.json(`/api/file?path=${MODULE}`)).body;
    await s.json('/api/edit', { method: 'POST', body: JSON.stringify({ path: MODULE, baseVersion: version, ops: [{ op: 'set', path: ['title', 'en'], value: 'One, revised' }] }) });
    const after = (await s.json('/api/translations?lang=fr')).body.records;
    expect(after.find((r: any) => r.key === `${MODULE}#title`)).toMatchObject({ source: 'One, revised', target: 'Un', state: 'stale' });
    // The import is one undo step over both files.
    await s.json('/api/undo', { method: 'POST' });
    const undone = await s.json('/api/undo', { method: 'POST' });
    expect(undone.body.changed.sort()).toEqual(['i18n/fr.json', MODULE]);
    expect(existsSync(join(dir, 'i18n/fr.json'))).toBe(false);
  });

  it('refuses an XLIFF file that does not fit the course, writing nothing', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const original = readFileSync(join(dir, MODULE), 'utf8');
    const xliff = (await (await s.api('/api/xliff?lang=fr')).text()).replace('<source>Welcome</source>', '<source>Changed since</source>');
    const refused = await s.json('/api/xliff', { method: 'POST', body: xliff });
    expect(refused.status).toBe(422);
    expect(refused.body.diagnostics.map((d: any) => d.code)).toContain('xliff-source-changed');
    expect(readFileSync(join(dir, MODULE), 'utf8')).toBe(original);
  });
});

describe('studio server: build and new course', () => {
  it('builds the packages into dist/ of the folder it was started in', async () => {
    const dir = testdir(validCourse());
    const cwd = tempDir();
    const s = await openStudio({ courseDir: dir, cwd });
    const { status, body } = await s.json('/api/build', { method: 'POST', body: JSON.stringify({ targets: ['scorm12'] }) });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.packages.map((p: any) => [p.path, p.target, p.lang])).toEqual([
      ['dist/sample-1.0.0-en-scorm12.zip', 'scorm12', 'en'],
      ['dist/sample-1.0.0-fr-scorm12.zip', 'scorm12', 'fr'],
    ]);
    for (const p of body.packages) expect(readFileSync(join(cwd, p.path)).length).toBe(p.bytes);
    expect((await s.json('/api/build', { method: 'POST', body: JSON.stringify({ targets: ['nope'] }) })).status).toBe(400);
  });

  it('creates a course in an empty folder, as coursepack new does, and only there', async () => {
    const dir = tempDir();
    const s = await openStudio({ courseDir: dir });
    expect((await s.json('/api/course')).body.error.code).toBe('no-course');
    const created = await s.json('/api/new', { method: 'POST', body: JSON.stringify({ id: 'safe-lifting', title: 'Safe lifting', languages: ['en', 'fr'] }) });
    expect(created.status).toBe(200);
    expect(created.body.course).toMatchObject({ id: 'safe-lifting', title: 'Safe lifting', languages: ['en', 'fr'] });
    expect(existsSync(join(dir, 'assets'))).toBe(true);
    expect((await s.json('/api/diagnostics')).body.diagnostics.filter((d: any) => d.severity === 'error')).toEqual([]);
    expect((await s.json('/api/new', { method: 'POST', body: JSON.stringify({ id: 'again', languages: ['en'] }) })).status).toBe(409);
    expect((await s.json('/api/new', { method: 'POST', body: JSON.stringify({ id: 'Bad Id', languages: ['en'] }) })).status).toBe(409);
  });
});

describe('studio server: images', () => {
  const upload = (s: Awaited<ReturnType<typeof openStudio>>, name: string, body: Buffer | string) => s.json(`/api/assets?name=${encodeURIComponent(name)}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('writes an image into assets/, with a new name when the name is taken', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    expect((await upload(s, 'Photo.png', PNG)).body.path).toBe('assets/photo.png');
    expect((await upload(s, 'photo.png', PNG)).body.path).toBe('assets/photo-2.png');
    expect(readFileSync(join(dir, 'assets/photo-2.png')).equals(PNG)).toBe(true);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
    expect((await upload(s, 'shot.jpg', jpeg)).body.path).toBe('assets/shot.jpg');
  });

  it('refuses what is not an image (by its bytes), a wrong extension, a bad name and more than 5 MB', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    expect((await upload(s, 'page.png', '<html><script>alert(1)</script></html>')).status).toBe(415);
    expect((await upload(s, 'page.html', '<html></html>')).status).toBe(415);
    expect((await upload(s, 'photo.jpg', PNG)).body.error.code).toBe('wrong-extension');
    for (const name of ['../escape.png', '/tmp/x.png', 'a/b.png', 'x\0.png', '.hidden.png']) expect([name, (await upload(s, name, PNG)).status]).toEqual([name, 400]);
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload(s, 'big.png', big)).status).toBe(413);
    expect(existsSync(join(dir, 'assets/big.png'))).toBe(false);
  });

  it('makes an SVG inert with the build\'s sanitiser before writing it', async () => {
    const dir = testdir(validCourse());
    const s = await openStudio({ courseDir: dir });
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><circle r="4"/></svg>';
    const res = await upload(s, 'drawing.svg', svg);
    expect(res.body).toMatchObject({ path: 'assets/drawing.svg', sanitized: true });
    const written = readFileSync(join(dir, 'assets/drawing.svg'), 'utf8');
    expect(written).toContain('<circle');
    expect(written).not.toMatch(/script|onload|alert/);
    expect((await upload(s, 'entity.svg', '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>')).status).toBe(415);
  });
});
