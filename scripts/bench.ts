/**
 * `npm run bench`: build time and peak memory (the counsellor training, synthetic courses of 10,
 * 100 and 1000 pages), zip and player sizes, and the first render in Chromium, each beside its
 * budget from the design (docs/performance.md explains them). Prints Markdown for docs/performance.md.
 *
 * Every build runs in a fresh child process (this file with `--child`), so caches are cold and
 * `process.resourceUsage().maxRSS` is the peak of that build alone.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SELF = fileURLToPath(import.meta.url);
const COUNSELLOR = resolve(ROOT, 'courses/counsellor-training');
const RUNS = 5;
const RENDER_LOADS = 5;
const KB = 1024;

interface ChildJob {
  course: string;
  targets: string[];
}

interface ChildResult {
  ok: boolean;
  coldMs: number;
  /** CPU time (user + system) of this process during the cold build: less sensitive than wall time to other load on the machine. */
  coldCpuMs: number;
  warmMs: number;
  maxRssKb: number;
  diagnostics: Array<{ code: string; message: string }>;
  packages: Array<{ target: string; lang: string; bytes: number; sha256: string; files: Record<string, string> }>;
}

// ---------------------------------------------------------------- child: one build, measured

async function child(job: ChildJob): Promise<void> {
  const { build } = await import('../src/package/build.js');
  if (!job.course) {
    // The baseline: Node, tsx and coursepack's modules loaded, nothing built.
    const idle: ChildResult = { ok: true, coldMs: 0, coldCpuMs: 0, warmMs: 0, maxRssKb: process.resourceUsage().maxRSS, diagnostics: [], packages: [] };
    process.stdout.write(`${JSON.stringify(idle)}\n`);
    return;
  }
  const options = { courses: [job.course], targets: job.targets, write: false, cwd: ROOT };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cold = await build(options);
  const coldMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const t1 = performance.now();
  await build(options);
  const warmMs = performance.now() - t1;
  const result: ChildResult = {
    ok: cold.ok,
    coldMs,
    coldCpuMs: (cpu.user + cpu.system) / 1000,
    warmMs,
    maxRssKb: process.resourceUsage().maxRSS,
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
  for (let i = 0; i < RUNS; i++) runs.push(await runChild(job));
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

const SVG = (i: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" role="img"><title>Diagram ${i}</title><rect width="400" height="200" fill="#f3f0fa"/><circle cx="${60 + (i % 280)}" cy="100" r="40" fill="#5b3fa0"/><text x="200" y="190" font-size="14" text-anchor="middle">Step ${i}</text></svg>\n`;

function syntheticPage(i: number, pages: number): string {
  const id = `page-${String(i).padStart(4, '0')}`;
  const next = i < pages ? `[the next page](#page-${String(i + 1).padStart(4, '0')})` : 'the end of the course';
  const check =
    i % 5 === 0
      ? `      - type: check
        id: check-${i}
        questions:
          - id: q-${i}
            type: single-choice
            prompt: Which statement about step ${i} is right?
            choices:
              - { id: a, text: "It comes before step ${i + 1}.", correct: true }
              - { id: b, text: "It comes after step ${i + 1}." }
              - { id: c, text: "It is optional." }
`
      : '';
  return `  - id: ${id}
    title: Step ${i} of the guidance conversation
    blocks:
      - type: text
        body: |
          ## What happens at step ${i}

          A counsellor who reaches step ${i} has already listened to the person's story and
          knows **what she did before**, what she enjoys and what worries her. This step is about
          turning that into one concrete action she can take this week.

          - Name the action together, in her words.
          - Agree on a date to talk again.
          - Write down what could stop her, and one way around it.

          Continue with ${next}.
      - type: callout
        style: tip
        body: Keep the conversation about her choices; your role at step ${i} is to ask, not to decide.
      - type: image
        src: assets/step-${i}.svg
        alt: Diagram of step ${i}
${check}`;
}

/** A course of `pages` pages: 10 per module, one image each, a knowledge check every 5 pages. */
function generateCourse(root: string, pages: number): string {
  const dir = join(root, `synthetic-${pages}`);
  mkdirSync(join(dir, 'modules'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  const modules: string[] = [];
  for (let m = 0; m * 10 < pages; m++) {
    const path = `modules/module-${String(m + 1).padStart(3, '0')}.yaml`;
    modules.push(path);
    let text = `id: module-${m + 1}\ntitle: Module ${m + 1}\npages:\n`;
    for (let i = m * 10 + 1; i <= Math.min(pages, m * 10 + 10); i++) {
      text += syntheticPage(i, pages);
      writeFileSync(join(dir, `assets/step-${i}.svg`), SVG(i));
    }
    writeFileSync(join(dir, path), text);
  }
  const course = `id: synthetic-${pages}\nversion: 1.0.0\nlanguages: [en]\ntitle: Synthetic course of ${pages} pages\nxapi:\n  activityBase: https://bench.example/courses/\nmodules:\n${modules.map((p) => `  - ${p}\n`).join('')}`;
  writeFileSync(join(dir, 'course.yaml'), course);
  return dir;
}

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

async function counsellorSection(targetIds: string[]): Promise<void> {
  print('## The counsellor training');
  print();
  const m = await measure({ course: COUNSELLOR, targets: targetIds });
  const packages = m.runs[0]!.packages;
  const langs = [...new Set(packages.map((p) => p.lang))];
  print(table(['targets × languages', 'packages', 'cold build (median, min)', 'its CPU time', 'warm rebuild', 'peak RSS', 'load', `same bytes in ${RUNS} processes`, 'budget'], [
    [`${targetIds.join(', ')} × ${langs.join(', ')}`, String(packages.length), cold(m), ms(m.coldCpuMs), ms(m.warmMs), mb(m.peakMb), m.load.toFixed(1), sameBytes(m), `< 3 s: ${verdict(m.coldMs < 3000)}`],
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

async function syntheticSection(work: string, targetIds: string[]): Promise<void> {
  print('## Synthetic courses');
  print();
  print('Each page: a Markdown text (heading, list, link to the next page), a callout, its own SVG image; a knowledge check every 5 pages; 10 pages per module; one language.');
  print();
  const courses: Array<{ pages: number; dir: string; fit: string[] }> = [];
  const notes: string[] = [];
  for (const pages of [10, 100, 1000]) {
    const dir = generateCourse(work, pages);
    const { fit, refused } = await targetsThatFit(dir, targetIds);
    for (const r of refused) notes.push(`- ${pages} pages, ${r}`);
    courses.push({ pages, dir, fit });
  }
  // The series builds the same targets at every size (those that hold 1000 pages), so sizes compare like with like.
  const common = targetIds.filter((t) => courses.every((c) => c.fit.includes(t)));
  const rows: string[][] = [];
  const series: Array<{ pages: number; m: Measured }> = [];
  const sizes = new Map<number, ChildResult>();
  for (const c of courses) {
    const m = await measure({ course: c.dir, targets: common });
    const previous = series[series.length - 1];
    series.push({ pages: c.pages, m });
    const marginal = previous ? ((m.coldMs - previous.m.coldMs) / (c.pages - previous.pages)).toFixed(1) : '—';
    const budget = c.pages === 1000 ? `< 15 s: ${verdict(m.coldMs < 15000)}; < 300 MB: ${verdict(m.peakMb < 300)}` : '—';
    rows.push([String(c.pages), common.join(', '), cold(m), ms(m.coldCpuMs), (m.coldMs / c.pages).toFixed(1), marginal, ms(m.warmMs), mb(m.peakMb), m.load.toFixed(1), sameBytes(m), budget]);
    sizes.set(c.pages, m.runs[0]!);
  }
  for (const c of courses.filter((x) => x.fit.length > common.length)) {
    const m = await measure({ course: c.dir, targets: c.fit });
    rows.push([String(c.pages), c.fit.join(', '), cold(m), ms(m.coldCpuMs), (m.coldMs / c.pages).toFixed(1), '—', ms(m.warmMs), mb(m.peakMb), m.load.toFixed(1), sameBytes(m), '—']);
    sizes.set(c.pages, m.runs[0]!);
  }
  print(table(['pages', 'targets built', 'cold build (median, min)', 'its CPU time', 'ms / page', 'ms / added page', 'warm rebuild', 'peak RSS', 'load', `same bytes in ${RUNS} processes`, 'budget'], rows));
  print();
  if (notes.length) print(`Targets that cannot hold a course (the build refuses them, as it should):\n\n${notes.join('\n')}\n`);
  const [, hundred, thousand] = series;
  const growth = thousand!.m.coldMs / hundred!.m.coldMs;
  const warmGrowth = thousand!.m.warmMs / hundred!.m.warmMs;
  print(`From 100 to 1000 pages (same targets): cold build ×${growth.toFixed(1)}, warm rebuild ×${warmGrowth.toFixed(1)} for ×10 pages (linear would be at most ×10; less, as fixed costs are amortised).`);
  print();
  print('### Zip sizes');
  print();
  print(table(['pages', ...targetIds], courses.map((c) => [String(c.pages), ...targetIds.map((t) => {
    const p = sizes.get(c.pages)!.packages.find((x) => x.target === t);
    return p ? kb(p.bytes) : 'refused';
  })])));
  print();
  budgets.push({ budget: `Synthetic 1000 pages (${common.join(', ')}): < 15 s`, figure: cold(thousand!.m), ok: thousand!.m.coldMs < 15000 });
  budgets.push({ budget: 'Synthetic 1000 pages: peak memory < 300 MB', figure: mb(thousand!.m.peakMb), ok: thousand!.m.peakMb < 300 });
  budgets.push({ budget: 'Cost grows linearly (100 → 1000 pages: time ≤ ×12)', figure: `×${growth.toFixed(1)} cold, ×${warmGrowth.toFixed(1)} warm`, ok: growth <= 12 && warmGrowth <= 12 });
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

async function renderSection(dir: string): Promise<void> {
  print('## First render in Chromium');
  print();
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
  const profile = mkdtempSync(join(tmpdir(), 'coursepack-bench-profile-'));
  const { chromium } = await import('playwright-core');
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args });
    // Each load starts as a first visit: no saved learner state, nothing cached (no-store).
    await context.addInitScript(() => localStorage.clear());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
    const loads: Array<{ ready: number; dcl: number }> = [];
    for (let i = 0; i < RENDER_LOADS; i++) {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector('html[data-cp-ready]', { state: 'attached', timeout: 30000 });
      const ready = Number(await page.getAttribute('html', 'data-cp-ready'));
      const dcl = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd);
      loads.push({ ready, dcl });
      await page.close();
    }
    const readies = loads.map((l) => l.ready);
    print(`The web package of the counsellor training (en), unzipped and served from 127.0.0.1, ${RENDER_LOADS} first visits; \`data-cp-ready\` is the player's \`performance.now()\` when its first page is shown (navigation start → ready).`);
    print();
    print(table(['figure', 'median', 'min', 'max', 'budget'], [
      ['navigation start → `html[data-cp-ready]`', ms(median(readies)), ms(Math.min(...readies)), ms(Math.max(...readies)), 'none set'],
      ['navigation start → DOMContentLoaded', ms(median(loads.map((l) => l.dcl))), ms(Math.min(...loads.map((l) => l.dcl))), ms(Math.max(...loads.map((l) => l.dcl))), 'none set'],
    ]));
    print();
  } catch (error) {
    print(`Not measured: ${(error as Error).message.split('\n')[0]}. Chromium is expected at ${chromiumPath} (\`apt-get install -y chromium\`, or set CHROMIUM_PATH).`);
    print();
    process.exitCode = 1;
  } finally {
    await context?.close();
    await new Promise<void>((ok) => server.close(() => ok()));
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
    const baseline = await runChild({ course: '', targets: [] });
    print(`Builds are in memory (\`write: false\`), each in a fresh Node process; times are the median of ${RUNS} processes, peak RSS the highest. *Cold* is the first build in the process (sources loaded, player bundled by esbuild); *warm* is a second build in the same process (\`coursepack preview\` rebuilds this way on each edit, for one target and language). *CPU time* is the build process's user + system time during the cold build (all its threads); *load* is the machine's 1-minute load average when the measurement started — wall times grow with it, CPU times much less. Peak RSS is the Node process's own \`maxRSS\`, tsx included (a process that only loads coursepack's modules peaks at ${mb(baseline.maxRssKb / KB)}); esbuild's service process is not counted.`);
    print();
    await counsellorSection(targetIds);
    await syntheticSection(work, targetIds);
    await playerSection(TARGETS);
    await renderSection(COUNSELLOR);
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
