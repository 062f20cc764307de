/**
 * The bad-input corpus, end to end through the CLI: each folder of tests/fixtures/bad/ is a course
 * with one defect. The build must name it (code, file, line, column), exit 1, print no stack trace,
 * and leave the output folder exactly as it was.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import { MAX_SOURCE_BYTES } from '../../src/course/source-file.js';
import { LARGE_ASSET_BYTES, MOODLE_DEFAULT_UPLOAD_BYTES } from '../../src/course/asset-size.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { executableMarkup, htmlStrings, parseHtml } from '../support/html-safety.js';
import { readZip } from '../support/zip-reader.js';

const BAD = resolve(import.meta.dirname, '../fixtures/bad');

interface Place {
  code: string;
  file: string;
  line: number;
  column: number;
}

interface Case {
  /** Folder under tests/fixtures/bad/. */
  name: string;
  expected: Place[];
  /** Adds what git cannot hold portably (symlinks, generated files); `course` is the copied folder. */
  prepare?: (course: string, workspace: string) => void;
}

const at = (code: string, file: string, line: number, column: number): Place => ({ code, file, line, column });

const CASES: Case[] = [
  { name: 'malformed-yaml', expected: [at('yaml-syntax', 'modules/one.yaml', 2, 8)] },
  { name: 'tab-indentation', expected: [at('yaml-syntax', 'modules/one.yaml', 3, 1), at('yaml-syntax', 'modules/one.yaml', 4, 1)] },
  { name: 'not-utf8', expected: [at('file-encoding', 'modules/one.yaml', 10, 18)] },
  { name: 'wrong-type', expected: [at('wrong-type', 'modules/one.yaml', 23, 21), at('wrong-type', 'assessment.yaml', 3, 15)] },
  { name: 'unknown-key', expected: [at('missing-field', 'assessment.yaml', 1, 1), at('unknown-key', 'assessment.yaml', 3, 1)] },
  { name: 'duplicate-id-across-files', expected: [at('duplicate-id', 'assessment.yaml', 6, 9)] },
  { name: 'module-listed-twice', expected: [at('duplicate-id', 'course.yaml', 7, 5)] },
  { name: 'dangling-page-link', expected: [at('dangling-reference', 'modules/one.yaml', 9, 37)] },
  { name: 'scenario-dead-end', expected: [at('scenario-dead-end', 'modules/one.yaml', 33, 17)] },
  { name: 'dangling-result-from', expected: [at('dangling-reference', 'course.yaml', 8, 17)] },
  { name: 'missing-asset', expected: [at('missing-asset', 'modules/one.yaml', 12, 14)] },
  { name: 'hotspot-off-picture', expected: [at('invalid-value', 'modules/one.yaml', 16, 25)] },
  { name: 'empty-label', expected: [at('empty-label', 'modules/one.yaml', 14, 43)] },
  { name: 'picture-not-image', expected: [at('wrong-file-kind', 'modules/one.yaml', 12, 14)] },
  { name: 'caption-missing', expected: [at('caption-missing', 'modules/one.yaml', 14, 9)] },
  { name: 'caption-invalid', expected: [at('caption-invalid', 'assets/talk.fr.vtt', 8, 1)] },
  {
    name: 'asset-parent-path',
    expected: [at('asset-outside-course', 'modules/one.yaml', 12, 14)],
    prepare: (_course, workspace) => writeFileSync(join(workspace, 'outside.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>'),
  },
  { name: 'asset-absolute-path', expected: [at('asset-outside-course', 'modules/one.yaml', 12, 14)] },
  {
    name: 'asset-symlink-out',
    expected: [at('asset-outside-course', 'modules/one.yaml', 12, 14)],
    prepare: (course, workspace) => {
      writeFileSync(join(workspace, 'secret.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><title>not the course</title></svg>');
      symlinkSync(join(workspace, 'secret.svg'), join(course, 'assets/link.svg'));
    },
  },
  { name: 'empty-course', expected: [at('empty-course', 'course.yaml', 5, 10)] },
  { name: 'huge-file', expected: [at('file-too-large', 'modules/huge.yaml', 1, 1)], prepare: (course) => writeFileSync(join(course, 'modules/huge.yaml'), hugeModule(3 * 1024 * 1024)) },
  // Issue 13: a bell in the course title went raw into every manifest; a vertical tab pasted from a word processor.
  { name: 'control-characters', expected: [at('invalid-character', 'course.yaml', 4, 20), at('invalid-character', 'modules/one.yaml', 9, 21)] },
  { name: 'nested-aliases', expected: [at('yaml-alias-limit', 'course.yaml', 10, 9)] },
  { name: 'deep-nesting', expected: [at('yaml-too-deep', 'modules/one.yaml', 24, 39)] },
  {
    name: 'utf-16',
    expected: [at('file-encoding', 'modules/one.yaml', 1, 1)],
    prepare: (course) => {
      const path = join(course, 'modules/one.yaml');
      writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(path, 'utf8'), 'utf16le')]));
    },
  },
  {
    name: 'nul-byte',
    expected: [at('invalid-character', 'modules/one.yaml', 5, 21)],
    prepare: (course) => {
      const path = join(course, 'modules/one.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('en: Welcome', 'en: Wel\u0000come'));
    },
  },
  { name: 'duplicate-language', expected: [at('duplicate-language', 'course.yaml', 3, 21)] },
  { name: 'language-underscore', expected: [at('invalid-language', 'course.yaml', 3, 17)] },
  { name: 'empty-alt', expected: [at('empty-alt', 'modules/one.yaml', 13, 20)] },
  { name: 'course-lists-itself', expected: [at('wrong-file-kind', 'course.yaml', 6, 5)] },
  { name: 'module-is-assessment', expected: [at('wrong-file-kind', 'course.yaml', 7, 5)] },
  { name: 'module-not-yaml', expected: [at('wrong-file-kind', 'course.yaml', 7, 5)] },
  {
    // 900,000 values in 1.8 MB took 85 s and 2.1 GB to report before the limit.
    name: 'many-values',
    expected: [at('yaml-too-large', 'modules/many.yaml', 3, 8 + 2 * 249_998)],
    prepare: (course) => {
      writeFileSync(join(course, 'modules/many.yaml'), `id: many\ntitle: { en: Many, fr: Beaucoup }\npages: [${'1,'.repeat(900_000)}1]\n`);
      const path = join(course, 'course.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('  - modules/one.yaml\n', '  - modules/one.yaml\n  - modules/many.yaml\n'));
    },
  },
  { name: 'package-too-large', expected: [at('package-too-large', 'modules/one.yaml', 12, 14), at('package-too-large', 'modules/one.yaml', 12, 14)], prepare: (course) => writeFileSync(join(course, 'assets/photo.jpg'), randomBytes(MOODLE_DEFAULT_UPLOAD_BYTES + 100_000)) },
];

/** A valid module of about `bytes` bytes: only its size is wrong. */
function hugeModule(bytes: number): string {
  const head = 'id: huge\ntitle: { en: Huge, fr: Énorme }\npages:\n';
  const page = (i: number) => `  - id: page-${i}\n    title: { en: Page ${i}, fr: Page ${i} }\n    blocks:\n      - type: text\n        body: { en: "${'Lorem ipsum dolor sit amet. '.repeat(8)}", fr: "${'Lorem ipsum dolor sit amet. '.repeat(8)}" }\n`;
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const p = page(i);
    parts.push(p);
    size += p.length;
  }
  return parts.join('');
}

const workspaces: string[] = [];
afterEach(() => {
  while (workspaces.length) rmSync(workspaces.pop()!, { recursive: true, force: true });
});

/** The case's course copied into a fresh workspace, with a previous build already in dist/. */
function workspace(c: Pick<Case, 'name' | 'prepare'>): string {
  const root = mkdtempSync(join(tmpdir(), 'coursepack-bad-'));
  workspaces.push(root);
  cpSync(join(BAD, c.name), join(root, c.name), { recursive: true });
  c.prepare?.(join(root, c.name), root);
  mkdirSync(join(root, 'dist'));
  writeFileSync(join(root, 'dist', 'sample-1.0.0-en-scorm12.zip'), Buffer.from('PK\u0003\u0004 the package built yesterday, en'));
  writeFileSync(join(root, 'dist', 'sample-1.0.0-fr-web.zip'), Buffer.from('PK\u0003\u0004 the package built yesterday, fr'));
  return root;
}

/** Every file in `dir` (hidden ones too) with its sha256, to compare byte for byte. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => {
        const full = join(e.parentPath, e.name);
        return [full.slice(dir.length + 1), createHash('sha256').update(readFileSync(full)).digest('hex')];
      })
      .sort(([a], [b]) => a!.localeCompare(b!)),
  );
}

async function cli(cwd: string, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, color: false };
  const exit = await run(argv, io);
  return { exit, stdout: out.join(''), stderr: err.join('') };
}

interface Report {
  ok: boolean;
  packages: Array<{ path: string }>;
  diagnostics: Diagnostic[];
}

const place = (d: Diagnostic) => ({ code: d.code, file: d.file, line: d.line, column: d.column });
const STACK_FRAME = /\n\s+at /;

describe('bad input, through the CLI', () => {
  it.each(CASES)('$name: reported at its place, exit 1, no stack trace, output folder untouched', async (c) => {
    const root = workspace(c);
    const before = snapshot(join(root, 'dist'));

    const json = await cli(root, ['build', c.name, '--out', 'dist', '--json']);
    expect(json.exit).toBe(1);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.ok).toBe(false);
    expect(report.packages).toEqual([]);
    const problems = report.diagnostics.filter((d) => d.severity !== 'info');
    expect(problems.map(place)).toEqual(c.expected.map((p) => ({ ...p, file: `${c.name}/${p.file}` })));
    expect(problems.every((d) => d.severity === 'error')).toBe(true);
    expect(json.stderr).not.toMatch(STACK_FRAME);

    const human = await cli(root, ['build', c.name, '--out', 'dist']);
    expect(human.exit).toBe(1);
    for (const p of c.expected) expect(human.stderr).toContain(`${c.name}/${p.file}:${p.line}:${p.column}  error  `);
    expect(human.stderr).not.toMatch(STACK_FRAME);
    expect(human.stderr).not.toContain('internal error');
    expect(human.stdout).toBe('');

    expect(snapshot(join(root, 'dist'))).toEqual(before);
  });

  it('suggests the key the author meant', async () => {
    const root = workspace({ name: 'unknown-key' });
    const report = JSON.parse((await cli(root, ['build', 'unknown-key', '--json'])).stdout) as Report;
    expect(report.diagnostics.find((d) => d.code === 'unknown-key')?.hint).toContain('"passingScore"');
  });

  it('refuses a 3 MB module before parsing it, with bounded memory', async () => {
    const huge = CASES.find((c) => c.name === 'huge-file')!;
    const root = workspace(huge);
    expect(readFileSync(join(root, 'huge-file/modules/huge.yaml')).length).toBeGreaterThan(MAX_SOURCE_BYTES);
    const rssBefore = process.memoryUsage().rss;
    const result = await cli(root, ['build', 'huge-file', '--out', 'dist', '--json']);
    const peakGrowth = process.resourceUsage().maxRSS * 1024 - rssBefore;
    expect(result.exit).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    // Refused before parsing: nothing else is said about the file's content.
    expect(report.diagnostics.filter((d) => d.file === 'huge-file/modules/huge.yaml').map((d) => d.code)).toEqual(['file-too-large']);
    expect(peakGrowth).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('files as editors write them', () => {
  it('builds a course saved with UTF-8 byte-order marks and CRLF line ends without a word', async () => {
    const root = workspace({
      name: 'byte-order-mark',
      prepare: (course) => {
        for (const file of ['course.yaml', 'assessment.yaml', 'modules/one.yaml']) {
          const path = join(course, file);
          const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').replace(/\n/g, '\r\n');
          writeFileSync(path, `\uFEFF${text}`);
        }
      },
    });
    const json = await cli(root, ['build', 'byte-order-mark', '--out', 'dist', '--json']);
    expect(json.exit).toBe(0);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(report.packages.length).toBeGreaterThan(0);
  });

  it('warns about a file over 5 MB where the course names it, and refuses the package Moodle would refuse', async () => {
    const root = workspace({ name: 'package-too-large', prepare: (course) => writeFileSync(join(course, 'assets/photo.jpg'), randomBytes(LARGE_ASSET_BYTES + 1)) });
    const json = await cli(root, ['build', 'package-too-large', '--out', 'dist', '--json']);
    expect(json.exit).toBe(1);
    const report = JSON.parse(json.stdout) as Report;
    const file = 'package-too-large/modules/one.yaml';
    expect(report.diagnostics.filter((d) => d.severity !== 'info').map((d) => ({ ...place(d), severity: d.severity }))).toEqual([
      { code: 'asset-large', severity: 'warning', file, line: 12, column: 14 },
      { code: 'package-too-large', severity: 'error', file, line: 12, column: 14 },
      { code: 'package-too-large', severity: 'error', file, line: 12, column: 14 },
    ]);
  });

  it('says "fr_FR" is not a language tag and what to write instead', async () => {
    const root = workspace({ name: 'language-underscore' });
    const report = JSON.parse((await cli(root, ['build', 'language-underscore', '--json'])).stdout) as Report;
    const d = report.diagnostics.find((x) => x.code === 'invalid-language')!;
    expect(d.message).toContain('"fr-FR"');
    expect(`${d.message} ${d.hint ?? ''}`).not.toMatch(/\^|\(\?:|\[a-z\]/);
  });

  it('check (not only build) reports nested aliases as a diagnostic, not an internal error', async () => {
    const root = workspace({ name: 'nested-aliases' });
    const result = await cli(root, ['check', 'nested-aliases']);
    expect(result.exit).toBe(1);
    expect(result.stderr).toContain('nested-aliases/course.yaml:10:9  error  ');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr).not.toContain('internal error');
  });

  it('names the character as U+XXXX', async () => {
    const root = workspace({ name: 'control-characters' });
    const report = JSON.parse((await cli(root, ['build', 'control-characters', '--json'])).stdout) as Report;
    expect(report.diagnostics.filter((d) => d.code === 'invalid-character').map((d) => d.message.match(/U\+[0-9A-F]{4}/)?.[0])).toEqual(['U+0007', 'U+000B']);
  });
});

describe('Markdown that tries to inject script (allowHtml false)', () => {
  it('builds with a raw-html or unsafe-link warning at each injection, and no executable injected markup in any package', async () => {
    const root = workspace({ name: 'script-injection' });
    const json = await cli(root, ['build', 'script-injection', '--out', 'dist', '--json']);
    expect(json.exit).toBe(0);
    expect(json.stderr).not.toMatch(STACK_FRAME);
    const report = JSON.parse(json.stdout) as Report;
    const file = 'script-injection/modules/one.yaml';
    // Notes (severity info, e.g. a default target the course is not set up for) are not the point here.
    const problems = report.diagnostics.filter((d) => d.severity !== 'info');
    expect(problems.map((d) => ({ ...place(d), severity: d.severity }))).toEqual([
      { code: 'raw-html', severity: 'warning', file, line: 9, column: 21 },
      { code: 'raw-html', severity: 'warning', file, line: 10, column: 23 },
      { code: 'raw-html', severity: 'warning', file, line: 14, column: 25 },
      { code: 'raw-html', severity: 'warning', file, line: 15, column: 25 },
      { code: 'unsafe-link', severity: 'warning', file, line: 28, column: 34 },
      { code: 'unsafe-link', severity: 'warning', file, line: 29, column: 29 },
    ]);
    expect(report.packages.length).toBeGreaterThan(0);

    for (const pkg of report.packages) {
      const entries = readZip(readFileSync(join(root, pkg.path)));
      const html = entries.find((e) => e.name === 'index.html')!.data.toString('utf8');
      const page = parseHtml(html);
      expect(executableMarkup(page, { playerScripts: true }), pkg.path).toEqual([]);
      // The author's markup is shown to the learner as text, as the warning says.
      expect(page.body.textContent).toMatch(/<script>alert\('(en|fr)'\)<\/script>/);
      expect(page.body.textContent).toContain(`<img src=x onerror="alert('img')">`);
      // Feedback and prompts reach the player as HTML strings in the course data: check them too.
      const data = JSON.parse(page.getElementById('cp-data')!.textContent) as unknown;
      for (const fragment of htmlStrings(data)) expect(executableMarkup(parseHtml(fragment), { playerScripts: false }), fragment).toEqual([]);
    }
  });
});
