/**
 * Issue 13, point 2: courses with arbitrary strings in every text field, ids up to the limit and
 * arbitrary answers, built for every target through the CLI. The build exits 0 or 1, never with a
 * stack trace; every error is positioned; every package it writes is sound (package-safety.ts:
 * XSD-valid manifests, a page that parses with no script but the player's).
 *
 * Seeded: COURSEPACK_PROPERTY_SEED picks another seed, COURSEPACK_PROPERTY_RUNS a longer run
 * (tests/README.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { refusedCharacters } from '../../src/course/characters.js';
import { describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { packageProblems } from '../support/package-safety.js';
import { testdir } from '../support/testdir.js';
import { courseArb, type StringKind } from './course-arbitrary.js';

const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5);
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);
const TIMEOUT = 60_000 + RUNS * 15_000;

/** Errors a course can legitimately earn whatever its strings: limits of SCORM 1.2, and a (rare) hash collision of two ids. */
const LIMIT_CODES = ['state-too-large', 'response-too-long', 'state-key-collision'];
/** What arbitrary strings may add: a character no output can carry, an image described by nothing. */
const STRING_CODES = ['invalid-character', 'empty-alt'];

interface Outcome {
  exit: number;
  stderr: string;
  diagnostics: Diagnostic[];
  packages: Array<{ path: string; target: string; lang: string }>;
}

async function buildThroughCli(files: Record<string, string>): Promise<Outcome> {
  const root = testdir(Object.fromEntries(Object.entries(files).map(([path, text]) => [`course/${path}`, text])));
  mkdirSync(join(root, 'dist'));
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: root, color: false };
  const exit = await run(['build', 'course', '--out', 'dist', '--json'], io);
  const report = exit === 0 || exit === 1 ? (JSON.parse(out.join('')) as { diagnostics: Diagnostic[]; packages: Outcome['packages'] }) : { diagnostics: [], packages: [] };
  return { exit, stderr: err.join(''), diagnostics: report.diagnostics, packages: report.packages.map((p) => ({ ...p, path: join(root, p.path) })) };
}

function checkOutcome(o: Outcome, allowed: string[]): void {
  expect([0, 1], o.stderr).toContain(o.exit);
  expect(o.stderr).not.toMatch(/\n\s+at /);
  const errors = o.diagnostics.filter((d) => d.severity === 'error');
  for (const d of errors) {
    expect(allowed, `${d.code}: ${d.message}`).toContain(d.code);
    expect([d.file, d.line, d.column].every((v) => v !== undefined), `${d.code} has no position`).toBe(true);
  }
  if (o.exit !== 0) return;
  expect(o.packages.map((p) => p.target).sort()).toEqual(expect.arrayContaining(['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi']));
  for (const pkg of o.packages) expect(packageProblems(readFileSync(pkg.path), pkg.target), `${pkg.target} ${pkg.lang}`).toEqual([]);
}

/** Every string value of the course's YAML files. */
function strings(files: Record<string, string>): string[] {
  const all: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') all.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const [path, text] of Object.entries(files)) if (path.endsWith('.yaml')) walk(parse(text));
  return all;
}

async function property(kind: StringKind, allowed: string[]): Promise<number> {
  let built = 0;
  await fc.assert(
    fc.asyncProperty(courseArb(kind), async (files) => {
      const outcome = await buildThroughCli(files);
      checkOutcome(outcome, allowed);
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
});
