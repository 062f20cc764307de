/**
 * Reads a course's statements from an LRS through the xAPI statements API (xAPI 1.0.3 §2.1.3 of
 * the communication part): `activity=<course IRI>&related_activities=true`, following `more` links,
 * retrying network failures, 429 and 5xx with growing delays. Statements are kept in a local cache;
 * the next run asks only for those stored since the last one it has (`since`, on `stored`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { XapiStatement } from './from-statements.js';

export interface LrsOptions {
  endpoint: string;
  /** The Authorization header value (`Basic …`). */
  authorization: string;
  activity: string;
  cacheDir: string;
  pageSize?: number;
  retries?: number;
  baseDelayMs?: number;
  progress?: (fetched: number, pages: number) => void;
}

export interface LrsRead {
  statements: XapiStatement[];
  /** Statements received in this run (0 on a second run with nothing new). */
  fetched: number;
  requests: number;
  cacheFile: string;
}

export class LrsError extends Error {}

/** `key:secret` → `Basic a2V5OnNlY3JldA==`; a value that already names a scheme is kept. */
export function authorizationOf(auth: string): string {
  return /^(Basic|Bearer) /i.test(auth) ? auth : `Basic ${Buffer.from(auth, 'utf8').toString('base64')}`;
}

interface CacheMeta {
  endpoint: string;
  activity: string;
  lastStored?: string;
}

function cachePaths(options: LrsOptions): { data: string; meta: string } {
  const name = createHash('sha256').update(`${options.endpoint}\n${options.activity}`).digest('hex').slice(0, 16);
  return { data: join(options.cacheDir, `${name}.jsonl`), meta: join(options.cacheDir, `${name}.json`) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function getJson(url: string, options: LrsOptions, count: () => void): Promise<{ statements: XapiStatement[]; more?: string }> {
  const retries = options.retries ?? 5;
  let lastProblem = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt) await sleep((options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
    count();
    let response: Response;
    try {
      response = await fetch(url, { headers: { Authorization: options.authorization, 'X-Experience-API-Version': '1.0.3', Accept: 'application/json' } });
    } catch (error) {
      lastProblem = `cannot reach ${new URL(url).origin}: ${(error as Error).message}`;
      continue;
    }
    if (response.ok) return (await response.json()) as { statements: XapiStatement[]; more?: string };
    lastProblem = `the LRS answered ${response.status} ${response.statusText} ${(await response.text()).slice(0, 200)}`.trim();
    if (response.status === 401 || response.status === 403) throw new LrsError(`${lastProblem}: check --auth (key:secret) or COURSEPACK_LRS_KEY / COURSEPACK_LRS_SECRET`);
    if (response.status !== 429 && response.status < 500) throw new LrsError(lastProblem);
  }
  throw new LrsError(`${lastProblem} (gave up after ${retries + 1} tries)`);
}

export async function readLrs(options: LrsOptions): Promise<LrsRead> {
  const paths = cachePaths(options);
  mkdirSync(options.cacheDir, { recursive: true });
  const cached: XapiStatement[] = existsSync(paths.data)
    ? readFileSync(paths.data, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as XapiStatement)
    : [];
  const meta: CacheMeta = existsSync(paths.meta) ? (JSON.parse(readFileSync(paths.meta, 'utf8')) as CacheMeta) : { endpoint: options.endpoint, activity: options.activity };
  const endpoint = options.endpoint.endsWith('/') ? options.endpoint : `${options.endpoint}/`;
  const query = new URLSearchParams({ activity: options.activity, related_activities: 'true', ascending: 'true', limit: String(options.pageSize ?? 500) });
  if (meta.lastStored) query.set('since', meta.lastStored);
  let url: string | null = `${endpoint}statements?${query}`;
  const known = new Set(cached.map((s) => s.id));
  const fresh: XapiStatement[] = [];
  let requests = 0;
  let pages = 0;
  let received = 0;
  while (url) {
    const page = await getJson(url, options, () => requests++);
    pages++;
    received += page.statements.length;
    for (const s of page.statements) if (!known.has(s.id)) (known.add(s.id), fresh.push(s));
    options.progress?.(received, pages);
    url = page.more ? new URL(page.more, endpoint).href : null;
  }
  const all = [...cached, ...fresh];
  const lastStored = all.reduce<string | undefined>((max, s) => (s.stored && (!max || Date.parse(s.stored) > Date.parse(max)) ? s.stored : max), meta.lastStored);
  const writeAtomic = (path: string, text: string) => {
    writeFileSync(`${path}.tmp`, text);
    renameSync(`${path}.tmp`, path);
  };
  writeAtomic(paths.data, all.map((s) => JSON.stringify(s)).join('\n') + (all.length ? '\n' : ''));
  writeAtomic(paths.meta, `${JSON.stringify({ endpoint: options.endpoint, activity: options.activity, ...(lastStored ? { lastStored } : {}) }, null, 2)}\n`);
  return { statements: all, fetched: received, requests, cacheFile: paths.data };
}
