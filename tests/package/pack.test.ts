/**
 * The installable package, as a user gets it: `npm pack` on a copy of this checkout, the tarball
 * installed into empty folders (with `--ignore-scripts`, and with npm's defaults), and every
 * command run there through `npx`. Dependencies come from the npm registry. Slow by nature
 * (a pack, two installs): each step has a generous timeout, and nothing asserts a duration.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/api/index.js';

const REPO = resolve(import.meta.dirname, '../..');
const MINUTES = 60_000;
const ENTRIES = ['cmi5', 'scorm12', 'scorm2004', 'web', 'xapi'];

/** npm and npx without the npm_* variables of an enclosing `npm test`, which would point them at this checkout. */
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

function sh(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 5 * MINUTES });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function npx(args: string[], cwd: string) {
  const result = sh('npx', ['coursepack', ...args], cwd);
  if (result.code !== 0) throw new Error(`npx coursepack ${args.join(' ')} exited with ${result.code}\n${result.stderr}`);
  return result;
}

/** An empty project folder with the tarball installed; returns the folder and how long npm took. */
function install(dir: string, tarball: string, flags: string[]): number {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'partner-courses', private: true })}\n`);
  const start = Date.now();
  const result = sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...flags, tarball], dir);
  if (result.code !== 0) throw new Error(`npm install ${flags.join(' ')} failed\n${result.stderr}`);
  return Date.now() - start;
}

const zipsIn = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));

/** The same course built by this checkout's sources, in memory: name → bytes. */
async function builtFromRepository(course: string, options: { targets?: string[] } = {}): Promise<Record<string, Buffer>> {
  const result = await build({ courses: [course], write: false, ...options });
  expect(result.ok).toBe(true);
  return Object.fromEntries(result.packages.map((p) => [p.path.split(/[\\/]/).pop()!, p.zip]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}

/** The example scripts of docs/api.md: the js code blocks that start with `// scripts/<name>.mjs`, by name. */
const apiDocExamples = () =>
  Object.fromEntries([...readFileSync(join(REPO, 'docs/api.md'), 'utf8').matchAll(/```js\n\/\/ scripts\/([\w-]+\.mjs)[\s\S]*?```/g)].map((m) => [m[1]!, m[0].slice('```js\n'.length, -3)]));

let work: string;
let tarball: string;
let files: string[];
let plain: string; // installed with --ignore-scripts
let defaults: string; // installed with npm's defaults
let preview: ChildProcess | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'coursepack-pack-'));
  // Pack a copy of the checkout (what git would commit, plus this work tree's changes), so
  // prepack emptying lib/ never touches the checkout other tests run from.
  const copy = join(work, 'checkout');
  const tracked = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    if (!existsSync(join(REPO, file))) continue; // deleted in the work tree
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(REPO, file), join(copy, file));
  }
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const packed = sh('npm', ['pack', '--json', '--pack-destination', work], copy);
  if (packed.code !== 0) throw new Error(`npm pack failed\n${packed.stderr}`);
  const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[\n'))) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  tarball = join(work, report[0]!.filename);
  files = report[0]!.files.map((f) => f.path).sort();

  plain = join(work, 'plain');
  defaults = join(work, 'defaults');
  const plainMs = install(plain, tarball, ['--ignore-scripts']);
  const defaultMs = install(defaults, tarball, []);
  // Figures for the record, not assertions.
  console.log(`tarball ${(report[0]!.size / 1024).toFixed(0)} KB (${(report[0]!.unpackedSize / 1024).toFixed(0)} KB unpacked, ${files.length} files); install ${plainMs} ms with --ignore-scripts, ${defaultMs} ms with defaults`);
}, 15 * MINUTES);

afterAll(async () => {
  if (preview?.pid && preview.exitCode === null && preview.signalCode === null) {
    process.kill(preview.pid, 'SIGTERM');
    await new Promise((r) => preview!.once('exit', r));
  }
  if (!work) return;
  // The checkout's node_modules is linked, never copied: unlink it before removing the rest.
  rmSync(join(work, 'checkout/node_modules'), { force: true });
  rmSync(work, { recursive: true, force: true });
}, 5 * MINUTES);

describe('the npm package', () => {
  it('ships the compiled code, its types, the prebuilt players and preview runtimes, schemas, templates and licence; no sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining([
      'LICENSE', 'README.md', 'package.json', 'bin/coursepack.js', 'lib/cli/main.js', 'lib/api/index.js', 'lib/api/index.d.ts',
      ...ENTRIES.map((e) => `lib/player-bundles/${e}.js`),
      'lib/preview-runtime/scorm12.min.js', 'lib/preview-runtime/scorm2004.min.js', 'lib/preview-runtime/LICENSE-scorm-again',
      'schema/course.schema.json', 'schema/module.schema.json', 'schema/assessment.schema.json',
      'templates/index.eta', 'templates/player.css', 'templates/i18n/en.json',
    ]));
    expect(files.filter((f) => /^(src|tests|courses|scripts|docs|\.ci)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(plain, 'node_modules/coursepack/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    // Dev dependencies stay out of an installation: the players are prebuilt, the runtimes copied.
    for (const dev of ['esbuild', 'scorm-again', '@xapi/xapi', 'typescript', 'vitest']) {
      expect(pkg.dependencies[dev]).toBeUndefined();
      expect(existsSync(join(plain, 'node_modules', dev))).toBe(false);
    }
  });

  it('installed with --ignore-scripts: new, check and build work from that folder, and the zips are the bytes the checkout builds', async () => {
    const created = npx(['new', 'my-course', '--lang', 'en,fr'], plain);
    expect(created.stdout).toContain('created my-course');
    const course = readFileSync(join(plain, 'my-course/course.yaml'), 'utf8');
    const schema = /\$schema=(\S+)/.exec(course)![1]!;
    expect(resolve(plain, 'my-course', schema)).toBe(join(plain, 'node_modules/coursepack/schema/course.schema.json'));
    expect(existsSync(resolve(plain, 'my-course', schema))).toBe(true);

    expect(npx(['check', 'my-course'], plain).stderr).toContain('ok: 0 errors, 0 warnings, 1 course checked');
    npx(['build', 'my-course'], plain);
    const installed = zipsIn(join(plain, 'dist'));
    expect(Object.keys(installed)).toHaveLength(10);
    expect(installed).toEqual(await builtFromRepository(join(plain, 'my-course')));

    // dist/ is relative to where the command runs, whichever course folder it is given.
    mkdirSync(join(plain, 'elsewhere'));
    npx(['build', '../my-course', '--target', 'web', '--lang', 'fr'], join(plain, 'elsewhere'));
    expect(Object.keys(zipsIn(join(plain, 'elsewhere/dist')))).toEqual(['my-course-1.0.0-fr-web.zip']);
  }, 5 * MINUTES);

  it('installed with --ignore-scripts: preview serves the course and the SCORM runtime on 127.0.0.1 and stops on SIGTERM', async () => {
    if (!existsSync(join(plain, 'my-course'))) npx(['new', 'my-course'], plain);
    // The bin itself, so the PID is the preview's (npx would put npm in between).
    preview = spawn(process.execPath, [join(plain, 'node_modules/.bin/coursepack'), 'preview', 'my-course', '--port', '0'], { cwd: plain, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    preview.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((done, fail) => {
      const timer = setInterval(() => {
        const match = /preview: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) {
          clearInterval(timer);
          done(match[1]!);
        }
      }, 50);
      preview!.once('exit', (code) => {
        clearInterval(timer);
        fail(new Error(`preview exited with ${code}`));
      });
    });
    const host = await fetch(url);
    expect(host.status).toBe(200);
    expect(await host.text()).toContain('/scorm-again/scorm12.min.js');
    const runtime = Buffer.from(await (await fetch(`${url}scorm-again/scorm12.min.js`)).arrayBuffer());
    expect(runtime.equals(readFileSync(join(REPO, 'node_modules/scorm-again/dist/scorm12.min.js')))).toBe(true);
    const page = await (await fetch(`${url}course/index.html`)).text();
    expect(page).toContain('<html lang="en">');
    const player = await (await fetch(`${url}course/player.js`)).text();
    expect(player).toBe(readFileSync(join(plain, 'node_modules/coursepack/lib/player-bundles/scorm12.js'), 'utf8'));

    const exited = new Promise<number | null>((r) => preview!.once('exit', (code) => r(code)));
    process.kill(preview.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
  }, 5 * MINUTES);

  it('installed with --ignore-scripts: schema, i18n and a --repo course whose CI commands run there', () => {
    npx(['schema', '--out', 'schemas'], plain);
    for (const name of ['course', 'module', 'assessment']) {
      expect(readFileSync(join(plain, `schemas/${name}.schema.json`), 'utf8')).toBe(readFileSync(join(REPO, `schema/${name}.schema.json`), 'utf8'));
    }
    if (!existsSync(join(plain, 'my-course'))) npx(['new', 'my-course', '--lang', 'en,fr'], plain);
    npx(['i18n', 'extract', 'my-course', '--lang', 'pl', '--out', 'pl.xlf'], plain);
    expect(readFileSync(join(plain, 'pl.xlf'), 'utf8')).toMatch(/<xliff [^>]*version="1\.2"/);

    // The install folder is the repository: its package.json (with coursepack) is kept.
    const repo = npx(['new', 'courses/safe-lifting', '--repo'], plain);
    expect(repo.stdout).toContain('kept package.json');
    expect(existsSync(join(plain, '.github/workflows/courses.yml'))).toBe(true);
    const workflow = readFileSync(join(plain, '.github/workflows/courses.yml'), 'utf8');
    for (const line of workflow.match(/npx coursepack .+/g)!) {
      npx(line.replace('npx coursepack ', '').replace('${{ matrix.course }}', 'safe-lifting').split(' '), plain);
    }
    expect(readdirSync(join(plain, 'dist')).filter((f) => f.startsWith('safe-lifting-'))).toHaveLength(5);
  }, 5 * MINUTES);

  it('installed with npm defaults: the Node API from docs/api.md builds courses the same as the checkout, with diagnostics as data', async () => {
    npx(['new', 'courses/first', '--lang', 'en,fr'], defaults);
    npx(['new', 'courses/second'], defaults);
    const { 'release.mjs': release, 'untranslated.mjs': untranslated } = apiDocExamples();
    mkdirSync(join(defaults, 'scripts'));
    writeFileSync(join(defaults, 'scripts/release.mjs'), release!);
    const released = sh(process.execPath, ['scripts/release.mjs'], defaults);
    expect(released.stderr).toBe('');
    expect(released.code).toBe(0);
    const lines = released.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['first en', 'first fr', 'second en']);
    const zips = zipsIn(join(defaults, 'release'));
    expect(zips).toEqual({ ...(await builtFromRepository(join(defaults, 'courses/first'), { targets: ['scorm12'] })), ...(await builtFromRepository(join(defaults, 'courses/second'), { targets: ['scorm12'] })) });

    // An untranslated title: the second example reports it by code and position.
    const coursePath = join(defaults, 'courses/first/course.yaml');
    const text = readFileSync(coursePath, 'utf8');
    writeFileSync(coursePath, text.replace(/^title:\n(?: {2}.+\n)+/m, 'title: Only English\n'));
    const titleLine = readFileSync(coursePath, 'utf8').split('\n').indexOf('title: Only English') + 1;
    writeFileSync(join(defaults, 'scripts/untranslated.mjs'), untranslated!);
    const reported = sh(process.execPath, ['scripts/untranslated.mjs'], defaults);
    expect(reported.code).toBe(0);
    expect(JSON.parse(reported.stdout)).toEqual([expect.objectContaining({ file: 'courses/first/course.yaml', line: titleLine, column: 8 })]);
  }, 5 * MINUTES);

  it('installed with npm defaults: the API is typed through the exports map (TypeScript, NodeNext)', () => {
    writeFileSync(join(defaults, 'typed.mts'), `import { build, check, loadCourse, CODES, type Diagnostic, type BuildResult } from 'coursepack';
const result: BuildResult = await build({ courses: ['courses/second'], write: false });
const problems: Diagnostic[] = [...result.diagnostics, ...loadCourse('courses/second').diagnostics];
const severity: 'error' | 'warning' | 'info' = CODES['unknown-key'].severity;
const ok: boolean = (await check({ courses: ['courses/second'], strict: true })).ok;
// @ts-expect-error an option build() does not have
await build({ courses: [], outDir: 'x' });
// @ts-expect-error lib/ is not part of the API
import('coursepack/lib/package/build.js');
export { problems, severity, ok };
`);
    writeFileSync(join(defaults, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: ['node'], typeRoots: [join(REPO, 'node_modules/@types')] },
      files: ['typed.mts'],
    }));
    const tsc = sh(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], defaults);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
  }, 5 * MINUTES);
});
