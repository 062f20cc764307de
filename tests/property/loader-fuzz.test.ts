/**
 * Issue 13, point 2: random byte mutations of the counsellor training's files (flipped, inserted,
 * deleted and repeated bytes, and snippets that have broken YAML loaders: anchors, aliases, tags,
 * NUL, BOMs, directives) never give an internal error: `check` exits 0 or 1, with no stack trace,
 * and every error it reports names a file and a line.
 *
 * The same for issue 15's fixtures (interactive blocks, a scenario, media), their caption files included.
 *
 * Seeded: COURSEPACK_FUZZ_SEED picks another seed, COURSEPACK_FUZZ_RUNS a longer run (tests/README.md).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type Io } from '../../src/cli/run.js';
import type { Diagnostic } from '../../src/diagnostics/index.js';
import { COUNSELLOR, ROOT } from '../support/build.js';

const RUNS = Number(process.env.COURSEPACK_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.COURSEPACK_FUZZ_SEED ?? 1313);

const SNIPPETS = [
  '&a ', '*a', '<<: *a\n', '&b [*a, *a, *a]', '\u0000', '\t', '\r\n', '\r', '\uFEFF', '\uFFFE', '[', ']', '{', '}', '"', "'", '- ', ': ', '? ', '#',
  '!!binary ', '!!js/function ', '!!python/object ', '!custom ', '!!set ', '!!omap ', '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '&#7;', '\\u0007', '\\x00',
  '<!-- x -->', '<script>', '__proto__: x\n', 'constructor: x\n', '  ', '\n\n', '|\n', '>-\n', '\u2028', 'ÿþ',
].map((s) => Buffer.from(s, 'utf8'));

type Mutation =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; to: number }
  | { kind: 'snippet'; at: number; snippet: number };

const place = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: place, byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: place, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: place, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: place, length: fc.integer({ min: 1, max: 200 }), to: place }),
  fc.record({ kind: fc.constant('snippet' as const), at: place, snippet: fc.integer({ min: 0, max: SNIPPETS.length - 1 }) }),
);

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  let b = bytes;
  for (const m of mutations) {
    const at = Math.floor(m.at * b.length);
    switch (m.kind) {
      case 'set':
        b = Buffer.from(b);
        b[at] = m.byte;
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      case 'repeat': {
        const to = Math.floor(m.to * b.length);
        b = Buffer.concat([b.subarray(0, to), b.subarray(at, at + m.length), b.subarray(to)]);
        break;
      }
      case 'snippet':
        b = Buffer.concat([b.subarray(0, at), SNIPPETS[m.snippet]!, b.subarray(at)]);
        break;
    }
  }
  return b;
}

/** Issue 15's fixtures: interactive blocks, a scenario, media with WebVTT captions. */
const BLOCK_FIXTURES = ['interactive-blocks', 'scenario', 'media'];

let root: string;
let files: string[];
/** The YAML and caption files of issue 15's fixtures, as `<fixture>/<path>`. */
let blockFiles: string[];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'coursepack-fuzz-'));
  cpSync(COUNSELLOR, join(root, 'course'), { recursive: true });
  files = ['course.yaml', 'assessment.yaml', ...readdirSync(join(root, 'course/modules')).map((f) => `modules/${f}`)];
  blockFiles = BLOCK_FIXTURES.flatMap((name) => {
    cpSync(join(ROOT, 'tests/fixtures/courses', name), join(root, name), { recursive: true });
    return readdirSync(join(root, name), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(?:yaml|vtt)$/.test(f))
      .sort()
      .map((f) => `${name}/${f}`);
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function check(course = 'course'): Promise<{ exit: number; stderr: string; diagnostics: Diagnostic[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: root, color: false };
  const exit = await run(['check', course, '--json'], io);
  const diagnostics = exit === 0 || exit === 1 ? (JSON.parse(out.join('')) as { diagnostics: Diagnostic[] }).diagnostics : [];
  return { exit, stderr: err.join(''), diagnostics };
}

/** Exit 0 or 1, no stack trace, every error in a file at a line and column. */
function expectSound(result: Awaited<ReturnType<typeof check>>): void {
  expect([0, 1], result.stderr).toContain(result.exit);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
    expect(d.file !== undefined && d.line !== undefined && d.column !== undefined, `${d.code} ${d.message}`).toBe(true);
  }
}

describe('the loader against mutated bytes of the counsellor training', () => {
  it(
    'never gives an internal error, and positions every error in a file',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (which, mutations) => {
          const file = files[which % files.length]!;
          const path = join(root, 'course', file);
          const original = readFileSync(path);
          writeFileSync(path, mutate(original, mutations));
          try {
            expectSound(await check());
          } finally {
            writeFileSync(path, original);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    60_000 + RUNS * 2_000,
  );

  it(
    "issue 15's fixtures (interactive blocks, a scenario, media with captions), their YAML and .vtt bytes mutated: no internal error, every error positioned",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (which, mutations) => {
          const file = blockFiles[which % blockFiles.length]!;
          const path = join(root, file);
          const original = readFileSync(path);
          writeFileSync(path, mutate(original, mutations));
          try {
            const result = await check(file.split('/')[0]);
            expectSound(result);
            // A mutated caption file that no longer reads is reported in that file.
            if (file.endsWith('.vtt') && result.exit === 1 && result.diagnostics.some((d) => d.code === 'caption-invalid')) {
              expect(result.diagnostics.filter((d) => d.code === 'caption-invalid').every((d) => file.endsWith(d.file!))).toBe(true);
            }
          } finally {
            writeFileSync(path, original);
          }
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    60_000 + RUNS * 2_000,
  );
});
