/**
 * `coursepack report --from <LRS>` against the real LRS: 30 seeded learners play the real player
 * of tests/fixtures/report/course (xAPI package, English and French); the report's figures must
 * equal those computed here, independently, from the statements the LRS holds. A second run
 * fetches only the new statements; --since and --lang filter.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/cli/run.js';
import type { BuiltPackage } from '../../src/package/build.js';
import type { ReportFigures } from '../../src/report/figures.js';
import { readLrs } from '../../src/report/lrs-source.js';
import { buildInMemory } from '../support/build.js';
import { LmsHost } from './support/host.js';
import { Lrs, type StoredStatement } from './support/lrs.js';
import { makeLearners, play, type SimulatedLearner } from './support/report-learners.js';

const COURSE = resolve(import.meta.dirname, '../fixtures/report/course');
const IRI = 'https://learning.example.org/courses/report-demo';
const AUTH = `Basic ${Buffer.from('report-key:report-secret').toString('base64')}`;
const PAGES = ['welcome', 'jobs', 'training', 'conversation', 'reflection'];
const CHECK_PAGE: Record<string, string> = { 'k-language': 'jobs', 'k-service': 'training', 'k-weeks': 'conversation', 'k-ready': 'reflection' };
const MIN = 5;
const guard = (n: number) => (n === 0 || n >= MIN ? n : null);
const START = Date.parse('2026-09-01T08:00:00Z');

// ---- the independent computation, straight from the statements ----
const verb = (s: StoredStatement) => s.verb.id.split('/').pop()!;
const learnerOf = (s: StoredStatement) => (s.actor.account as { name: string }).name;
const idOf = (iri: string) => iri.split('/').pop()!;
const byTime = (list: StoredStatement[]) => [...list].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
function median3(values: number[]): [number, number, number] {
  const s = [...values].sort((a, b) => a - b);
  const q = (p: number) => {
    const i = (s.length - 1) * p;
    return s[Math.floor(i)]! + (s[Math.ceil(i)]! - s[Math.floor(i)]!) * (i - Math.floor(i));
  };
  return [q(0.25), q(0.5), q(0.75)];
}
function pearson(xs: number[], ys: number[]): number | null {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const c = xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0);
  const vx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  const vy = ys.reduce((a, y) => a + (y - my) ** 2, 0);
  return vx && vy ? c / Math.sqrt(vx * vy) : null;
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function expected(all: StoredStatement[]) {
  const statements = byTime(all);
  const learners = [...new Set(statements.map(learnerOf))];
  const completed = new Set(statements.filter((s) => verb(s) === 'completed').map(learnerOf));
  const experienced = statements.filter((s) => verb(s) === 'experienced');
  const reached = PAGES.map((p) => new Set(experienced.filter((s) => idOf(s.object.id) === p).map(learnerOf)).size);
  const furthest = new Map<string, number>();
  for (const s of experienced) furthest.set(learnerOf(s), Math.max(furthest.get(learnerOf(s)) ?? -1, PAGES.indexOf(idOf(s.object.id))));
  const tookAssessment = new Set(statements.filter((s) => s.context?.contextActivities?.parent?.[0]?.id === `${IRI}/assessments/final`).map(learnerOf));
  const left = PAGES.map((_, i) => [...furthest].filter(([l, f]) => f === i && !completed.has(l) && !tookAssessment.has(l)).length);
  const seconds = new Map<string, number[]>();
  const viewers = new Map<string, Set<string>>();
  for (const l of learners) {
    const mine = statements.filter((s) => learnerOf(s) === l);
    mine.forEach((s, i) => {
      if (verb(s) !== 'experienced') return;
      const page = idOf(s.object.id);
      const end = mine.slice(i + 1).find((n) => !(verb(n) === 'answered' && CHECK_PAGE[idOf(n.object.id)] === page));
      const endsInAssessment = end && verb(end) === 'answered' && end.context?.contextActivities?.parent?.[0]?.id === `${IRI}/assessments/final`;
      if (!end || endsInAssessment) return;
      seconds.set(page, [...(seconds.get(page) ?? []), (Date.parse(end.timestamp) - Date.parse(s.timestamp)) / 1000]);
      viewers.set(page, (viewers.get(page) ?? new Set()).add(l));
    });
  }
  const answered = statements.filter((s) => verb(s) === 'answered');
  const attemptKey = (s: StoredStatement) => `${learnerOf(s)}#${String(s.context?.extensions?.['http://id.tincanapi.com/extension/attempt-id'])}`;
  const attempts = new Map<string, StoredStatement[]>();
  for (const s of answered.filter((s) => s.context?.contextActivities?.parent?.[0]?.id === `${IRI}/assessments/final`)) attempts.set(attemptKey(s), [...(attempts.get(attemptKey(s)) ?? []), s]);
  const score = new Map([...attempts].map(([k, list]) => [k, (100 * list.filter((s) => s.result?.success === true).length) / list.length]));
  const questions = new Map<string, { facility: number | null; discrimination: number | null; responses: string[]; learners: number }>();
  for (const qid of [...Object.keys(CHECK_PAGE), 'a-role', 'a-jobs', 'a-degree', 'a-service']) {
    const seen = new Set<string>();
    const firsts = answered.filter((s) => idOf(s.object.id) === qid && !seen.has(learnerOf(s)) && seen.add(learnerOf(s)));
    const scored = qid !== 'k-ready';
    const xs: number[] = [];
    const ys: number[] = [];
    for (const s of firsts) {
      // the attempt's score without this question (the report's corrected item-total score)
      const attempt = qid.startsWith('a-') ? attempts.get(attemptKey(s)) : attempts.get(`${learnerOf(s)}#1`);
      const rest = attempt?.filter((a) => idOf(a.object.id) !== qid);
      const y = rest?.length ? (100 * rest.filter((a) => a.result?.success === true).length) / rest.length : undefined;
      if (y !== undefined) (xs.push(s.result?.success ? 1 : 0), ys.push(y));
    }
    const r = xs.length >= MIN ? pearson(xs, ys) : null;
    questions.set(qid, {
      learners: firsts.length,
      facility: scored ? r3(firsts.filter((s) => s.result?.success).length / firsts.length) : null,
      discrimination: scored && r !== null ? r3(r) : null,
      responses: firsts.map((s) => `${s.result?.success ? '+' : '-'}${s.result?.response ?? ''}`),
    });
  }
  const numbers = [...new Set([...attempts.keys()].map((k) => Number(k.split('#')[1])))].sort();
  const passByAttempt = numbers.map((n) => {
    const these = [...score].filter(([k]) => k.endsWith(`#${n}`));
    const passed = these.filter(([, v]) => v >= 75).length;
    return { attempt: n, attempts: these.length, passed, rate: r3(passed / these.length) };
  });
  const used = new Map<string, number>();
  for (const k of attempts.keys()) used.set(k.split('#')[0]!, Math.max(used.get(k.split('#')[0]!) ?? 0, Number(k.split('#')[1])));
  const langOf = new Map(statements.map((s) => [learnerOf(s), String(s.context?.language)]));
  return { learners, completed, reached, left, seconds, viewers, questions, score, passByAttempt, used, langOf };
}

describe.skipIf(!process.env.COURSEPACK_LRS_SUITE)('coursepack report from a real LRS', () => {
  let lrs: Lrs;
  let host: LmsHost;
  const packages = new Map<string, BuiltPackage>();
  let work: string;
  const learners: SimulatedLearner[] = makeLearners(30, 18, ['en', 'fr'], PAGES.length);

  const playAll = async (list: SimulatedLearner[], from: number) => {
    for (const [i, learner] of list.entries()) {
      vi.setSystemTime(from + i * 3600_000);
      host.serve(packages.get(learner.lang)!.files);
      await play(packages.get(learner.lang)!, host, learner, IRI, AUTH, 1000 + i);
    }
  };
  const report = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['report', COURSE, '--from', lrs.url, '--cache', join(work, 'cache'), ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: work, color: false });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
  const stored = async (list: SimulatedLearner[]) => (await Promise.all(list.map((l) => lrs.statements(l.registration)))).flat();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'coursepack-report-'));
    lrs = await Lrs.start();
    host = new LmsHost(() => lrs.url);
    await host.start();
    const built = await buildInMemory(COURSE, { targets: ['xapi'] });
    if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
    for (const p of built.packages) packages.set(p.lang, p);
    vi.useFakeTimers({ toFake: ['Date'] });
    await playAll(learners, START);
  }, 600_000);

  afterAll(async () => {
    vi.useRealTimers();
    await host?.stop();
    await lrs?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('reports the figures the statements give', async () => {
    const statements = await stored(learners);
    if (process.env.REPORT_FIXTURE_OUT) writeFileSync(process.env.REPORT_FIXTURE_OUT, statements.map((s) => JSON.stringify(s)).join('\n') + '\n');
    const e = expected(statements);
    const result = await report('--json', '--auth', 'report-key:report-secret', '--out', 'report.html');
    expect(result.code, result.stderr).toBe(0);
    const f = JSON.parse(result.stdout) as ReportFigures;
    expect(result.stderr).toMatch(new RegExp(`lrs: ${statements.length} statements in the cache, ${statements.length} fetched now`));

    expect(f.source.learners).toBe(30);
    expect(e.learners.length).toBe(30);
    expect(f.completed).toBe(guard(e.completed.size));
    expect(f.pages.map((p) => p.reached)).toEqual(e.reached.map(guard));
    expect(f.pages.map((p) => p.leftHere)).toEqual(e.left.map(guard));
    // the plan: each learner who left early stopped at the page they left from
    PAGES.forEach((_, i) => expect(e.left[i]).toBe(learners.filter((l) => l.leavesAfter === i).length));
    for (const p of f.pages) {
      if (guard(e.viewers.get(p.id)?.size ?? 0) === null) {
        expect(p.time, p.id).toBeNull();
        continue;
      }
      const [q1, median, q3] = median3(e.seconds.get(p.id)!);
      expect(p.time, p.id).toEqual({ views: e.seconds.get(p.id)!.length, q1: Math.round(q1 * 10) / 10, median: Math.round(median * 10) / 10, q3: Math.round(q3 * 10) / 10, skimmed: e.seconds.get(p.id)!.filter((s) => s < 5).length });
    }

    expect(f.pages.filter((p) => p.time !== null).length).toBeGreaterThanOrEqual(4);
    for (const q of f.questions) {
      const x = e.questions.get(q.id)!;
      expect(q.learners, q.id).toBe(guard(x.learners));
      expect(q.facility, q.id).toBe(x.facility);
      expect(q.discrimination, q.id).toBe(x.discrimination);
    }
    const language = f.questions.find((q) => q.id === 'k-language')!;
    const firsts = e.questions.get('k-language')!.responses.map((r) => r.slice(1));
    expect(language.options!.map((o) => [o.id, o.count])).toEqual(['python', 'html', 'css', 'excel'].map((id) => [id, firsts.filter((r) => r === id).length]));
    const jobs = f.questions.find((q) => q.id === 'a-jobs')!;
    const jobsFirsts = e.questions.get('a-jobs')!.responses.map((r) => r.slice(1).split('[,]'));
    expect(jobs.options!.map((o) => o.count)).toEqual(['tester', 'baker', 'analyst'].map((id) => jobsFirsts.filter((r) => r.includes(id)).length));
    const service = f.questions.find((q) => q.id === 'k-service')!;
    const wrong = e.questions.get('k-service')!.responses.filter((r) => r.startsWith('-')).map((r) => r.slice(1));
    expect(service.rejected).toEqual([...new Set(wrong)].map((answer) => ({ answer, count: wrong.filter((w) => w === answer).length })).sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer)));
    const ready = f.questions.find((q) => q.id === 'k-ready')!;
    expect(ready.options!.map((o) => o.count)).toEqual(['disagree', 'neutral', 'agree'].map((id) => e.questions.get('k-ready')!.responses.filter((r) => r.slice(1) === id).length));

    const final = f.assessments[0]!;
    expect(final.attempts).toBe(e.score.size);
    expect(final.passByAttempt).toEqual(e.passByAttempt);
    expect(final.attemptsUsed).toEqual([...new Set(e.used.values())].sort().map((n) => ({ attempts: n, learners: [...e.used.values()].filter((v) => v === n).length })));
    expect(final.scoreBands!.map((b) => b.count)).toEqual(Array.from({ length: 10 }, (_, i) => [...e.score.values()].filter((v) => Math.min(9, Math.floor(v / 10)) === i).length));

    expect(f.languages.map((l) => [l.lang, l.learners])).toEqual(['en', 'fr'].map((lang) => [lang, guard([...e.langOf.values()].filter((v) => v === lang).length)]));

    // the simulation planted these: the report must flag them
    const flags = f.flags.map((x) => `${x.kind} ${x.target}`);
    expect(flags).toContain('unused-distractor question:k-language');
    expect(flags).toContain('unused-distractor question:a-role');
    expect(flags, JSON.stringify(f.questions.map((q) => [q.id, q.facility, q.discrimination]))).toContain('negative-discrimination question:a-degree');
    // no names or ids unless asked
    const html = readFileSync(join(work, 'report.html'), 'utf8');
    for (const l of learners) {
      expect(result.stdout).not.toContain(l.name);
      expect(html).not.toContain(l.name);
    }
    expect(f.learners).toBeUndefined();
  });

  it('fetches only new statements on the next run; --since and --lang filter; --learners lists learners', async () => {
    const more = makeLearners(3, 99, ['fr'], PAGES.length, 'later');
    await playAll(more, START + 40 * 3600_000);
    const added = await stored(more);
    const second = await report('--json', '--auth', 'report-key:report-secret');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`${added.length} fetched now`);
    expect((JSON.parse(second.stdout) as ReportFigures).source.learners).toBe(33);

    const since = await report('--json', '--auth', 'report-key:report-secret', '--since', new Date(START + 39 * 3600_000).toISOString(), '--min-group', '1');
    expect((JSON.parse(since.stdout) as ReportFigures).source.learners).toBe(3);
    const fr = await report('--json', '--auth', 'report-key:report-secret', '--lang', 'fr');
    expect((JSON.parse(fr.stdout) as ReportFigures).source.learners).toBe(15 + 3);
    const named = await report('--json', '--learners', '--auth', 'report-key:report-secret');
    const rows = (JSON.parse(named.stdout) as ReportFigures).learners!;
    expect(rows.map((r) => r.learner)).toContain('Learner learner-01 · learner-01');
  });

  it('follows `more` links page by page, and retries when the LRS answers 503', async () => {
    const progress: number[] = [];
    const paged = await readLrs({ endpoint: lrs.url, authorization: AUTH, activity: IRI, cacheDir: join(work, 'paged'), pageSize: 100, progress: (n) => progress.push(n) });
    expect(paged.statements.length).toBeGreaterThan(400);
    expect(progress.length).toBe(Math.ceil(paged.statements.length / 100) + (paged.statements.length % 100 === 0 ? 1 : 0));
    expect(progress.at(-1)).toBe(paged.statements.length);
    expect(new Set(paged.statements.map((s) => s.id)).size).toBe(paged.statements.length);

    host.auths.add(AUTH);
    host.failStatements = 503;
    const recover = setTimeout(() => (host.failStatements = null), 300);
    const retried = await readLrs({ endpoint: host.endpoint, authorization: AUTH, activity: IRI, cacheDir: join(work, 'retried'), pageSize: 2000, baseDelayMs: 200, retries: 6 });
    clearTimeout(recover);
    expect(host.exchanges.some((x) => x.method === 'GET' && x.path === '/xapi/statements' && x.status === 503)).toBe(true);
    expect(retried.requests).toBeGreaterThan(1);
    expect(retried.statements.map((s) => s.id).sort()).toEqual(paged.statements.map((s) => s.id).sort());
  });

  it('exits 2 without credentials', async () => {
    const result = await report('--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--auth/);
  });
});
