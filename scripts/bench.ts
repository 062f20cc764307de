/**
 * `npm run bench`: start-up and build CPU of the command line as installed (compiled lib/), build
 * time and peak memory (the counsellor training; DESIGN.md's 1000-page course for every target and
 * smaller ones of its shape, from scripts/generate-course.ts), the floor (zipping the same files),
 * zip and player sizes, and the first render in Chromium at 45 and 1000 pages, each beside its
 * budget from the design (docs/performance.md explains them). Prints Markdown for docs/performance.md.
 *
 * Every build runs in a fresh child process (this file with `--child`), so caches are cold and
 * `process.resourceUsage().maxRSS` is the peak of that build alone.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateCourse, LARGE_COURSE, type GeneratedCourseShape } from './generate-course.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SELF = fileURLToPath(import.meta.url);
const COUNSELLOR = resolve(ROOT, 'courses/counsellor-training');
/** Processes per measurement; BENCH_RUNS=1 for a quick try of the bench itself. */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Fewer processes for the 1000-page builds (each takes seconds; the spread is small). */
const LARGE_RUNS = Math.min(3, RUNS);
const RENDER_LOADS = RUNS;
const KB = 1024;

interface ChildJob {
  course: string;
  targets: string[];
  runs?: number;
}

interface ChildResult {
  ok: boolean;
  coldMs: number;
  /** CPU time (user + system) of this process during the cold build: less sensitive than wall time to other load on the machine. */
  coldCpuMs: number;
  warmMs: number;
  maxRssKb: number;
  /** The floor: CPU time to zip the same files again (deflate level 9, as the build does), in this process. */
  zipCpuMs: number;
  diagnostics: Array<{ code: string; message: string }>;
  packages: Array<{ target: string; lang: string; bytes: number; sha256: string; files: Record<string, string> }>;
}

// ---------------------------------------------------------------- child: one build, measured

async function child(job: ChildJob): Promise<void> {
  const { build } = await import('../src/package/build.js');
  if (!job.course) {
    // The baseline: Node, tsx and coursepack's modules loaded, nothing built.
    const idle: ChildResult = { ok: true, coldMs: 0, coldCpuMs: 0, warmMs: 0, zipCpuMs: 0, maxRssKb: process.resourceUsage().maxRSS, diagnostics: [], packages: [] };
    process.stdout.write(`${JSON.stringify(idle)}\n`);
    return;
  }
  const options = { courses: [job.course], targets: job.targets, write: false, cwd: ROOT };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cold = await build(options);
  const coldMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const maxRssKb = process.resourceUsage().maxRSS;
  const { zipFiles } = await import('../src/package/zip.js');
  const zip0 = process.cpuUsage();
  for (const p of cold.packages) await zipFiles(p.files);
  const zipCpu = process.cpuUsage(zip0);
  const t1 = performance.now();
  await build(options);
  const warmMs = performance.now() - t1;
  const result: ChildResult = {
    ok: cold.ok,
    coldMs,
    coldCpuMs: (cpu.user + cpu.system) / 1000,
    warmMs,
    maxRssKb,
    zipCpuMs: (zipCpu.user + zipCpu.system) / 1000,
    diagnostics: cold.diagnostics.map((d) => ({ code: d.code, message: d.message })),
    packages: cold.packages.map((p) => ({ target: p.target, lang: p.lang, bytes: p.bytes, sha256: p.sha256, files: Object.fromEntries(p.files.map((f) => [f.path, createHash('sha256').update(f.data).digest('hex')])) })),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(job: ChildJob): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, SELF, '--child', JSON.stringify(job)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    proc.on('error', reject);
    proc.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`bench child exited ${code}: ${out}`));
      else resolvePromise(JSON.parse(last) as ChildResult);
    });
  });
}

interface Measured {
  coldMs: number;
  coldMinMs: number;
  /** 1-minute load average when the measurement started: other work on the machine slows wall times. */
  load: number;
  coldCpuMs: number;
  zipCpuMs: number;
  warmMs: number;
  peakMb: number;
  runs: ChildResult[];
  /** Same sha256 for every package in every run (separate processes). */
  reproducible: boolean;
  /** Files whose bytes differed between runs, and whether the sources changed meanwhile (others editing the tree). */
  differing: string[];
  sourcesChanged: boolean;
}

async function measure(job: ChildJob): Promise<Measured> {
  const load = loadavg()[0]!;
  const sourcesBefore = treeHash([resolve(ROOT, 'src'), resolve(ROOT, 'templates'), job.course]);
  const runs: ChildResult[] = [];
  for (let i = 0; i < (job.runs ?? RUNS); i++) runs.push(await runChild(job));
  const sourcesChanged = treeHash([resolve(ROOT, 'src'), resolve(ROOT, 'templates'), job.course]) !== sourcesBefore;
  const failed = runs.find((r) => !r.ok);
  if (failed) throw new Error(`build failed: ${failed.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  const hashes = runs.map((r) => r.packages.map((p) => p.sha256).join(','));
  const differing = new Set<string>();
  for (const run of runs.slice(1)) {
    run.packages.forEach((p, i) => {
      const first = runs[0]!.packages[i]!.files;
      for (const [path, hash] of Object.entries(p.files)) if (first[path] !== hash) differing.add(path);
    });
  }
  return {
    coldMs: median(runs.map((r) => r.coldMs)),
    coldMinMs: Math.min(...runs.map((r) => r.coldMs)),
    load,
    coldCpuMs: median(runs.map((r) => r.coldCpuMs)),
    zipCpuMs: median(runs.map((r) => r.zipCpuMs)),
    warmMs: median(runs.map((r) => r.warmMs)),
    peakMb: Math.max(...runs.map((r) => r.maxRssKb)) / KB,
    runs,
    reproducible: hashes.every((h) => h === hashes[0]),
    differing: [...differing].sort(),
    sourcesChanged,
  };
}

/** One hash of every file under `dirs`, to notice sources edited while a measurement ran. */
function treeHash(dirs: string[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

function sameBytes(m: Measured): string {
  if (m.reproducible) return 'yes';
  return `**no** (${m.differing.join(', ') || 'zip only'} differ${m.sourcesChanged ? '; the sources were edited during the measurement' : ''})`;
}

// ---------------------------------------------------------------- helpers

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${Math.round(value)} ms`;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
const mb = (value: number) => `${value.toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'ok' : '**over**');
const budgets: Array<{ budget: string; figure: string; ok: boolean }> = [];

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const print = (text = '') => process.stdout.write(`${text}\n`);

function machine(): string {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  const free = execFileSync('free', ['-h'], { encoding: 'utf8' }).trimEnd();
  return [`- CPU: ${cpu}`, `- nproc: ${availableParallelism()}`, `- Node ${process.version}`, `- load average when the bench started: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (1, 5, 15 min)`, '- free -h:', '', '```', free, '```'].join('\n');
}

// ---------------------------------------------------------------- synthetic courses

/** DESIGN.md's course at `pages` pages: 25 pages per module, as in its 1000-page form. */
const shapeOf = (pages: number): GeneratedCourseShape => (pages === LARGE_COURSE.pages ? LARGE_COURSE : { ...LARGE_COURSE, pages, modules: Math.ceil(pages / 25) });

/** Targets whose limits hold the course, and the diagnostics of those that cannot. */
async function targetsThatFit(dir: string, ids: string[]): Promise<{ fit: string[]; refused: string[] }> {
  const { build } = await import('../src/package/build.js');
  const fit: string[] = [];
  const refused: string[] = [];
  for (const id of ids) {
    const checked = await build({ courses: [dir], targets: [id], checkOnly: true, write: false, cwd: ROOT });
    if (checked.ok) fit.push(id);
    else refused.push(`${id}: ${checked.diagnostics.map((d) => `\`${d.code}\` — ${d.message}`).join('; ')}`);
  }
  return { fit, refused };
}

// ---------------------------------------------------------------- sections

const cold = (m: Measured) => `${ms(m.coldMs)} (min ${ms(m.coldMinMs)})`;
/** The build's CPU time beside the floor: zipping the same files (the I/O and compression a build cannot avoid). */
const floor = (m: Measured) => `${ms(m.zipCpuMs)} (build ×${(m.coldCpuMs / m.zipCpuMs).toFixed(1)})`;

async function counsellorSection(targetIds: string[]): Promise<void> {
  print('## The counsellor training');
  print();
  const m = await measure({ course: COUNSELLOR, targets: targetIds });
  const packages = m.runs[0]!.packages;
  const langs = [...new Set(packages.map((p) => p.lang))];
  print(table(['targets × languages', 'packages', 'cold build (median, min)', 'its CPU time', 'floor: zip CPU (ratio)', 'warm rebuild', 'peak RSS', 'load', `same bytes in ${RUNS} processes`, 'budget'], [
    [`${targetIds.join(', ')} × ${langs.join(', ')}`, String(packages.length), cold(m), ms(m.coldCpuMs), floor(m), ms(m.warmMs), mb(m.peakMb), m.load.toFixed(1), sameBytes(m), `< 3 s: ${verdict(m.coldMs < 3000)}`],
  ]));
  print();
  budgets.push({ budget: 'Counsellor training, every target × language: < 3 s (2 cores)', figure: `${cold(m)}, CPU ${ms(m.coldCpuMs)}`, ok: m.coldMs < 3000 });
  budgets.push({ budget: 'Same input, byte-identical zips (across separate processes)', figure: m.reproducible ? `${packages.length} zips identical in ${RUNS} processes` : sameBytes(m), ok: m.reproducible });

  print('### Zip sizes');
  print();
  const size = (t: string, l: string) => packages.find((p) => p.target === t && p.lang === l)?.bytes ?? 0;
  print(table(['target', ...langs], targetIds.map((t) => [t, ...langs.map((l) => kb(size(t, l)))])));
  print();
}

async function syntheticSection(courses: Array<{ pages: number; dir: string }>, targetIds: string[]): Promise<void> {
  print('## Synthetic courses');
  print();
  print(`DESIGN.md's course shape (scripts/generate-course.ts): each page a Markdown text (heading, list, link to the next page), a callout and its own SVG image; a knowledge check every ${LARGE_COURSE.checkEvery} pages; 25 pages per module; a final assessment drawing ${LARGE_COURSE.draw} of ${LARGE_COURSE.pool} questions, ${LARGE_COURSE.attempts} attempts; one language. The 1000-page course is built for each target on its own (the budget is per target) in ${LARGE_RUNS} processes.`);
  print();
  const notes: string[] = [];
  const rows: string[][] = [];
  const sizes = new Map<string, number>();
  const fits = new Map<number, string[]>();
  for (const c of courses) {
    const { fit, refused } = await targetsThatFit(c.dir, targetIds);
    for (const r of refused) notes.push(`- ${c.pages} pages, ${r}`);
    fits.set(c.pages, fit);
  }
  const row = (pages: number, targets: string[], m: Measured, budget: string) => {
    rows.push([String(pages), targets.join(', '), cold(m), ms(m.coldCpuMs), floor(m), (m.coldCpuMs / pages).toFixed(1), ms(m.warmMs), mb(m.peakMb), m.load.toFixed(1), sameBytes(m), budget]);
    for (const p of m.runs[0]!.packages) sizes.set(`${pages}:${p.target}`, p.bytes);
  };
  for (const c of courses.filter((x) => x.pages !== LARGE_COURSE.pages)) row(c.pages, fits.get(c.pages)!, await measure({ course: c.dir, targets: fits.get(c.pages)! }), '—');
  const large = courses.find((x) => x.pages === LARGE_COURSE.pages)!;
  for (const target of fits.get(LARGE_COURSE.pages)!) {
    const m = await measure({ course: large.dir, targets: [target], runs: LARGE_RUNS });
    const ok = m.coldCpuMs <= 2500 && m.peakMb <= 200;
    row(LARGE_COURSE.pages, [target], m, `CPU ≤ 2.5 s: ${verdict(m.coldCpuMs <= 2500)}; ≤ 200 MB: ${verdict(m.peakMb <= 200)}`);
    budgets.push({ budget: `1000-page course, ${target} alone: CPU ≤ 2.5 s, ≤ 200 MB`, figure: `CPU ${ms(m.coldCpuMs)}, ${mb(m.peakMb)} (floor ${ms(m.zipCpuMs)})`, ok });
  }
  for (const t of targetIds.filter((x) => !fits.get(LARGE_COURSE.pages)!.includes(x))) budgets.push({ budget: `1000-page course, ${t} alone: CPU ≤ 2.5 s, ≤ 200 MB`, figure: 'refused by the build (below)', ok: false });
  print(table(['pages', 'targets built', 'cold build (median, min)', 'its CPU time', 'floor: zip CPU (ratio)', 'CPU ms / page', 'warm rebuild', 'peak RSS', 'load', 'same bytes in every process', 'budget'], rows));
  print();
  if (notes.length) print(`Targets that cannot hold a course (the build refuses them, as it should):\n\n${notes.join('\n')}\n`);
  print('### Zip sizes');
  print();
  print(table(['pages', ...targetIds, 'per page (largest)'], courses.map((c) => {
    const bytes = targetIds.map((t) => sizes.get(`${c.pages}:${t}`));
    return [String(c.pages), ...bytes.map((b) => (b === undefined ? 'refused' : kb(b))), kb(Math.max(...bytes.map((b) => b ?? 0)) / c.pages)];
  })));
  print();
}

/**
 * The command line as an author runs it: `node bin/coursepack.js` over the compiled lib/, in a
 * fresh process; CPU time (user + system) and peak RSS of the whole process, start-up included,
 * read by a hook at exit. esbuild's own process (bundling the players) is not counted.
 */
const EXIT_HOOK = `data:text/javascript,${encodeURIComponent('import{writeSync}from"node:fs";process.on("exit",()=>{const u=process.cpuUsage();writeSync(2,"\\nBENCH "+JSON.stringify({cpuMs:(u.user+u.system)/1000,rssKb:process.resourceUsage().maxRSS})+"\\n")});')}`;

function cli(args: string[]): { cpuMs: number; rssKb: number } {
  const run = spawnSync(process.execPath, ['--import', EXIT_HOOK, resolve(ROOT, 'bin/coursepack.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
  const line = /BENCH (\{.*\})/.exec(run.stderr)?.[1];
  if (run.status !== 0 || !line) throw new Error(`coursepack ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(line) as { cpuMs: number; rssKb: number };
}

async function startupSection(work: string, large: string): Promise<void> {
  print('## The command line, start-up included');
  print();
  execFileSync(process.execPath, [resolve(ROOT, 'node_modules/typescript/bin/tsc'), '-p', resolve(ROOT, 'tsconfig.build.json')], { cwd: ROOT });
  // As `npm run build` does: the launcher runs the CLI bundle (scripts/bundle-cli.mjs) when it is newer than lib/.
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/bundle-cli.mjs')], { cwd: ROOT });
  print(`\`node bin/coursepack.js …\` over the freshly compiled lib/ and its CLI bundle (as \`npm run build\` makes them), each in a fresh process; CPU time (user + system) and peak RSS of that whole process, start-up included (esbuild's bundling process is not counted); median of ${RUNS} processes (${LARGE_RUNS} for 1000 pages).`);
  print();
  const out = join(work, 'dist');
  const cases: Array<{ what: string; args: string[]; budgetMs?: number; budgetMb?: number; runs?: number }> = [
    { what: '`coursepack --version`', args: ['--version'], budgetMs: 150 },
    { what: '`coursepack --help`', args: ['--help'] },
    { what: '`coursepack check` the counsellor training', args: ['check', COUNSELLOR], budgetMs: 500 },
    { what: '`coursepack build` the counsellor training (10 packages)', args: ['build', COUNSELLOR, '--out', out], budgetMs: 1000 },
    { what: '`coursepack build` 1000 pages, `--target scorm2004`', args: ['build', large, '--target', 'scorm2004', '--out', out], budgetMs: 2500, budgetMb: 200, runs: LARGE_RUNS },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const load = loadavg()[0]!;
    const runs = Array.from({ length: c.runs ?? RUNS }, () => cli(c.args));
    const cpu = median(runs.map((r) => r.cpuMs));
    const rss = Math.max(...runs.map((r) => r.rssKb)) / KB;
    const budget = [c.budgetMs !== undefined ? `CPU ≤ ${c.budgetMs} ms: ${verdict(cpu <= c.budgetMs)}` : '', c.budgetMb !== undefined ? `≤ ${c.budgetMb} MB: ${verdict(rss <= c.budgetMb)}` : ''].filter(Boolean).join('; ') || 'none set';
    rows.push([c.what, ms(cpu), `${ms(Math.min(...runs.map((r) => r.cpuMs)))} – ${ms(Math.max(...runs.map((r) => r.cpuMs)))}`, mb(rss), load.toFixed(1), budget]);
    if (c.budgetMs !== undefined) budgets.push({ budget: `${c.what}: CPU ≤ ${c.budgetMs} ms${c.budgetMb ? `, ≤ ${c.budgetMb} MB` : ''}`, figure: `${ms(cpu)}${c.budgetMb ? `, ${mb(rss)}` : ''}`, ok: cpu <= c.budgetMs && (c.budgetMb === undefined || rss <= c.budgetMb) });
  }
  print(table(['command', 'CPU (median)', 'CPU min – max', 'peak RSS', 'load', 'budget'], rows));
  print();
}

const PLAYER_BUDGET: Record<string, number | undefined> = { scorm12: 20, scorm2004: 20, xapi: 45, cmi5: 45 };

async function playerSection(targets: ReadonlyArray<{ id: string; playerEntry: string }>): Promise<void> {
  const { playerBundle } = await import('../src/package/player-bundle.js');
  print('## Player bundle (player.js)');
  print();
  const rows: string[][] = [];
  for (const t of targets) {
    const js = Buffer.from(await playerBundle(t.playerEntry), 'utf8');
    const gz = gzipSync(js, { level: 9 }).length;
    const limit = PLAYER_BUDGET[t.id];
    rows.push([t.id, kb(js.length), kb(gz), limit === undefined ? 'none set' : `≤ ${limit} KB: ${verdict(gz <= limit * KB)}`]);
    if (limit !== undefined) budgets.push({ budget: `Player JS, ${t.id}: ≤ ${limit} KB gzip`, figure: kb(gz), ok: gz <= limit * KB });
  }
  print(table(['target', 'minified', 'gzip -9', 'budget'], rows));
  print();
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml' };

interface Render {
  ready: number[];
  dcl: number[];
  htmlBytes: number;
}

/** A course's web package (en), built and served from 127.0.0.1. */
async function serveWeb(dir: string): Promise<{ url: string; htmlBytes: number; close(): Promise<void> }> {
  const { build } = await import('../src/package/build.js');
  const { unzipSync } = await import('fflate');
  const built = await build({ courses: [dir], targets: ['web'], langs: ['en'], write: false, cwd: ROOT });
  const files = new Map(Object.entries(unzipSync(built.packages[0]!.zip)));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname).replace(/^\//, '') || 'index.html';
    const body = files.get(path);
    res.writeHead(body ? 200 : 404, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    res.end(body ?? '');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`,
    htmlBytes: files.get('index.html')!.length,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** One first visit: navigation start → the player's first page, and → DOMContentLoaded. */
async function firstRender(context: import('playwright-core').BrowserContext, url: string): Promise<{ ready: number; dcl: number }> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector('html[data-cp-ready]', { state: 'attached', timeout: 30000 });
    const ready = Number(await page.getAttribute('html', 'data-cp-ready'));
    const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
    return { ready, dcl };
  } finally {
    await page.close();
  }
}

async function renderSection(courses: Array<{ label: string; dir: string }>): Promise<void> {
  print('## First render in Chromium');
  print();
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const profile = mkdtempSync(join(tmpdir(), 'coursepack-bench-profile-'));
  const { chromium } = await import('playwright-core');
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args });
    // Each load starts as a first visit: no saved learner state, nothing cached (no-store).
    await context.addInitScript(() => localStorage.clear());
    print(`Each course's web package (en), unzipped and served from 127.0.0.1, ${RENDER_LOADS} first visits each, alternating courses round by round; \`data-cp-ready\` is the player's \`performance.now()\` when its first page is shown (navigation start → ready).`);
    print();
    const served = await Promise.all(courses.map((c) => serveWeb(c.dir)));
    const results = new Map<string, Render>(courses.map((c, i) => [c.label, { ready: [], dcl: [], htmlBytes: served[i]!.htmlBytes }]));
    try {
      // Round by round, so a change in the machine's load touches every course alike.
      for (let round = 0; round < RENDER_LOADS; round++) {
        for (const [i, c] of courses.entries()) {
          const r = await firstRender(context, served[i]!.url);
          results.get(c.label)!.ready.push(r.ready);
          results.get(c.label)!.dcl.push(r.dcl);
        }
      }
    } finally {
      await Promise.all(served.map((x) => x.close()));
    }
    const rows = courses.map((c) => {
      const r = results.get(c.label)!;
      return [c.label, kb(r.htmlBytes), ms(median(r.ready)), `${ms(Math.min(...r.ready))} – ${ms(Math.max(...r.ready))}`, ms(median(r.dcl))];
    });
    print(table(['course', 'index.html', 'navigation start → ready (median)', 'min – max', '→ DOMContentLoaded (median)'], rows));
    print();
    const small = results.get(courses[1]!.label);
    const large = results.get(courses[2]!.label);
    if (small && large) {
      const ratio = median(large.ready) / median(small.ready);
      print(`1000 pages ÷ 45 pages: ×${ratio.toFixed(2)} (budget ≤ ×1.2).`);
      print();
      budgets.push({ budget: 'First page in Chromium at 1000 pages within 1.2× of 45 pages', figure: `${ms(median(large.ready))} vs ${ms(median(small.ready))}: ×${ratio.toFixed(2)}`, ok: ratio <= 1.2 });
    }
  } catch (error) {
    print(`Not measured: ${(error as Error).message.split('\n')[0]}. Chromium is expected at ${chromiumPath} (\`apt-get install -y chromium\`, or set CHROMIUM_PATH).`);
    print();
    process.exitCode = 1;
  } finally {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const { TARGETS } = await import('../src/targets/index.js');
  const targetIds = TARGETS.map((t) => t.id);
  const work = mkdtempSync(join(tmpdir(), 'coursepack-bench-'));
  try {
    print('# coursepack bench');
    print();
    print(machine());
    print();
    const courses = [45, 100, LARGE_COURSE.pages].map((pages) => ({ pages, dir: generateCourse(work, shapeOf(pages)) }));
    const large = courses.find((c) => c.pages === LARGE_COURSE.pages)!.dir;
    await startupSection(work, large);
    const baseline = await runChild({ course: '', targets: [] });
    print(`Builds below are in memory (\`write: false\`), each in a fresh Node process running the sources through tsx; times are the median of ${RUNS} processes (${LARGE_RUNS} at 1000 pages), peak RSS the highest. *Cold* is the first build in the process (sources loaded, player bundled by esbuild); *warm* is a second build in the same process (\`coursepack preview\` rebuilds this way on each edit). *CPU time* is the build process's user + system time during the cold build (all its threads; tsx compiling the modules the build loads is included); the *floor* is the CPU time to zip the same files again in that process, and the ratio is build ÷ floor; *load* is the machine's 1-minute load average when the measurement started — wall times grow with it, CPU times much less. Peak RSS is the Node process's own \`maxRSS\` at the end of the cold build, tsx included (a process that only loads coursepack's build module peaks at ${mb(baseline.maxRssKb / KB)}); esbuild's service process is not counted.`);
    print();
    await counsellorSection(targetIds);
    await syntheticSection(courses, targetIds);
    await playerSection(TARGETS);
    await renderSection([{ label: 'counsellor training', dir: COUNSELLOR }, { label: '45 pages (2 modules)', dir: courses[0]!.dir }, { label: '1000 pages (40 modules)', dir: large }]);
    print(`Load average when the bench ended: ${loadavg().map((l) => l.toFixed(2)).join(', ')}.`);
    print();
    print('## Budgets');
    print();
    print(table(['budget (from the design)', 'measured', ''], budgets.map((b) => [b.budget, b.figure, verdict(b.ok)])));
    print();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]!) as ChildJob);
else await main();
