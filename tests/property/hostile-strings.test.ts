/**
 * Issue 13, point 2: courses with arbitrary strings in every text field, ids up to the limit and
 * arbitrary answers, built for every target through the CLI. The build exits 0 or 1, never with a
 * stack trace; every error is positioned; every package it writes is sound (package-safety.ts:
 * XSD-valid manifests, a page that parses with no script but the player's and the block scripts
 * of the kinds it uses, every block with as many parts as the course gave it).
 *
 * Issue 15's blocks are generated too (block-arbitrary.ts): accordion, tabs, flip cards, stepper,
 * hotspots, video and audio with hostile caption cues, scenarios. A third property breaks them on
 * purpose (lists out of bounds, hotspots off the picture, random scenario graphs, malformed caption
 * files, mislabelled media): every breakage is reported with its code, every error positioned.
 *
 * Seeded: COURSEPACK_PROPERTY_SEED picks another seed, COURSEPACK_PROPERTY_RUNS a longer run
 * (tests/README.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { refusedCharacters } from '../../src/course/characters.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import { CODES, type Diagnostic } from '../../src/diagnostics/index.js';
import { blockBundle } from '../../src/package/player-bundle.js';
import { SCRIPTED_BLOCKS } from '../../src/player/blocks/kinds.js';
import type { BlockShape } from '../support/html-safety.js';
import { packageProblems } from '../support/package-safety.js';
import { testdir, type Files } from '../support/testdir.js';
import { mediaFiles } from './block-arbitrary.js';
import { courseCaseArb, type CourseOptions, type StringKind } from './course-arbitrary.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5);
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);
const TIMEOUT = 60_000 + RUNS * 15_000;

/** Errors a course can legitimately earn whatever its strings: limits of SCORM 1.2, and a (rare) hash collision of two ids. */
const LIMIT_CODES = ['state-too-large', 'response-too-long', 'state-key-collision'];
/**
 * The stages of a check (DESIGN.md): the schema, then the rules (captions, media, scenario graphs),
 * then the checks of the whole course (asset bytes, target limits). A stage runs once the earlier
 * ones found no error, so only the errors of the first stage with a breakage are certain.
 */
const SCHEMA_CODES = ['invalid-value'];
const COURSE_CODES = ['media-content'];
/** What arbitrary strings may add: a character no output can carry, an image described by nothing, a button named by nothing. */
const STRING_CODES = ['invalid-character', 'empty-alt', 'empty-label'];

interface Outcome {
  exit: number;
  stderr: string;
  diagnostics: Diagnostic[];
  packages: Array<{ path: string; target: string; lang: string }>;
}

async function buildThroughCli(files: Files): Promise<Outcome> {
  // The media files are the same in every course: added here, they stay out of printed counterexamples.
  const root = testdir(Object.fromEntries(Object.entries({ ...mediaFiles(), ...files }).map(([path, text]) => [`course/${path}`, text])));
  mkdirSync(join(root, 'dist'));
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: root, color: false };
  const exit = await run(['build', 'course', '--out', 'dist', '--json'], io);
  const report = exit === 0 || exit === 1 ? (JSON.parse(out.join('')) as { diagnostics: Diagnostic[]; packages: Outcome['packages'] }) : { diagnostics: [], packages: [] };
  return { exit, stderr: err.join(''), diagnostics: report.diagnostics, packages: report.packages.map((p) => ({ ...p, path: join(root, p.path) })) };
}

/** The build's block scripts, which every package must ship unchanged. */
const blockScripts: Record<string, string> = {};
beforeAll(async () => {
  for (const kind of SCRIPTED_BLOCKS) blockScripts[kind] = await blockBundle(kind);
});

/** `allowed`: the error codes the course may earn (undefined: any code of the catalogue). */
function checkOutcome(o: Outcome, files: Files, allowed: string[] | undefined): void {
  expect([0, 1], o.stderr).toContain(o.exit);
  expect(o.stderr).not.toMatch(/\n\s+at /);
  const errors = o.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) expect(allowed ?? Object.keys(CODES), `${d.code}: ${d.message}`).toContain(d.code);
  // Every error and warning names a place in a file of the course, and a code of the catalogue.
  for (const d of o.diagnostics.filter((x) => x.severity !== 'info')) {
    expect(Object.keys(CODES), d.message).toContain(d.code);
    expect([d.file, d.line, d.column].every((v) => v !== undefined), `${d.code} has no position: ${d.message}`).toBe(true);
    expect(d.line! >= 1 && d.column! >= 1 && [...Object.keys(files), ...Object.keys(mediaFiles())].includes(d.file!.replace(/^course\//, '')), `${d.code} at ${d.file}:${d.line}:${d.column}`).toBe(true);
  }
  if (o.exit !== 0) return;
  expect(o.packages.map((p) => p.target).sort()).toEqual(expect.arrayContaining(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi']));
  for (const pkg of o.packages) {
    expect(packageProblems(readFileSync(pkg.path), pkg.target, { blockScripts, blocks: blockShapesOf(files) }), `${pkg.target} ${pkg.lang}`).toEqual([]);
  }
}

/** The blocks with behaviour the course's modules hold, in order, as package-safety.ts counts their parts. */
function blockShapesOf(files: Files): BlockShape[] {
  const course = parse(files['course.yaml'] as string) as { modules: string[] };
  return course.modules.flatMap((path) =>
    (parse(files[path] as string) as { pages: Array<{ blocks: Array<Record<string, unknown>> }> }).pages.flatMap((page) =>
      page.blocks.flatMap((b): BlockShape[] => {
        const kind = b.type as string;
        const count = (key: string) => (b[key] as unknown[]).length;
        switch (kind) {
          case 'accordion':
          case 'tabs':
            return [{ kind, parts: count('items') }];
          case 'flip-cards':
            return [{ kind, parts: count('cards') }];
          case 'stepper':
            return [{ kind, parts: count('steps') }];
          case 'hotspots':
            return [{ kind, parts: count('spots') }];
          case 'scenario': {
            const nodes = b.nodes as Array<{ choices?: unknown[] }>;
            return [{ kind, parts: nodes.length + nodes.reduce((n, node) => n + (node.choices?.length ?? 0), 0) }];
          }
          case 'video':
            return [{ kind, parts: Object.keys((b.captions as object | undefined) ?? {}).length }];
          case 'audio':
            return [{ kind, parts: 0 }];
          default:
            return [];
        }
      }),
    ),
  );
}

/** Every string value of the course's YAML files, and the text of its caption files. */
function strings(files: Files): string[] {
  const all: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') all.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('.yaml')) walk(parse(text as string));
    if (path.endsWith('.vtt') && typeof text === 'string') all.push(text);
  }
  return all;
}

async function property(kind: StringKind, allowed: string[] | undefined, options: CourseOptions = {}): Promise<number> {
  let built = 0;
  await fc.assert(
    fc.asyncProperty(courseCaseArb(kind, options), async ({ files, expect: expected }) => {
      const outcome = await buildThroughCli(files);
      checkOutcome(outcome, files, allowed);
      // A deliberate breakage is reported with its code (in the first stage of the check that has one).
      const codes = outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
      const found = outcome.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`);
      const stages = [expected.filter((code) => SCHEMA_CODES.includes(code)), expected.filter((code) => !SCHEMA_CODES.includes(code) && !COURSE_CODES.includes(code)), expected];
      for (const code of stages.find((stage) => stage.length) ?? []) expect(codes, `expected ${code}; found ${found.join(' | ')}`).toContain(code);
      // A character no output can carry is never built into a package: it is named, as U+XXXX.
      const refused = strings(files).flatMap((t) => refusedCharacters(t));
      if (refused.length) {
        expect(outcome.exit).toBe(1);
        expect(outcome.diagnostics.filter((d) => d.code === 'invalid-character').map((d) => d.message)).toContainEqual(expect.stringMatching(/U\+[0-9A-F]{4}/));
      }
      if (outcome.exit === 0) built++;
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  return built;
}

describe('courses with generated texts, ids and answers, built for every target', () => {
  it(
    'any Unicode in any text: exit 0 or 1, errors positioned, and whatever is built is sound',
    async () => {
      await property('any', [...STRING_CODES, ...LIMIT_CODES]);
    },
    TIMEOUT,
  );

  it(
    'texts of accepted characters only: the course builds (unless it outgrows SCORM 1.2) and every package is sound',
    async () => {
      const built = await property('accepted', LIMIT_CODES);
      // A generator that only made courses too large for SCORM 1.2 would prove nothing about the packages.
      expect(built).toBeGreaterThanOrEqual(Math.ceil(RUNS / 2));
    },
    TIMEOUT,
  );

  it(
    "issue 15's blocks broken on purpose: every breakage reported with its code, every error positioned, whatever is built is sound",
    async () => {
      await property('accepted', undefined, { structures: 'any' });
    },
    TIMEOUT,
  );
});
