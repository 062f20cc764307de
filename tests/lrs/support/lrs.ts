/**
 * The real LRS: Learning Locker's statement service (npm xapi-statements 5.0.1, TESTING.md §4),
 * in memory, on 127.0.0.1, started and stopped by PID. It serves statements only (no State API).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const LRS_DIR = resolve(import.meta.dirname, '..');
const ENTRY = join(LRS_DIR, 'node_modules/xapi-statements/dist/index.js');

/** Fails (never skips) with the way out when the LRS is not installed. */
export function requireLrsInstalled(): void {
  if (!existsSync(ENTRY)) {
    throw new Error(`The test LRS is not installed (${ENTRY} is missing). Run: npm ci --prefix tests/lrs`);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface StoredStatement {
  id: string;
  actor: Record<string, unknown>;
  verb: { id: string; display?: Record<string, string> };
  object: { id: string; objectType?: string; definition?: Record<string, unknown> };
  result?: Record<string, unknown> & { score?: Record<string, number>; success?: boolean; completion?: boolean; duration?: string; response?: string };
  context?: Record<string, unknown> & { registration?: string; contextActivities?: Record<string, Array<{ id: string }>>; extensions?: Record<string, unknown> };
  timestamp: string;
  stored: string;
}

export class Lrs {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'coursepack-lrs-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<Lrs> {
    requireLrsInstalled();
    const lrs = new Lrs(await freePort());
    await lrs.up();
    return lrs;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/xAPI/`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process (again, on the same port: the outage test restarts it). */
  async up(): Promise<void> {
    if (this.child) return;
    const child = spawn(process.execPath, [ENTRY], {
      cwd: this.dir,
      env: {
        PATH: process.env.PATH ?? '',
        EXPRESS_PORT: String(this.port),
        AUTH_REPO: 'test',
        EVENTS_REPO: 'test',
        MODELS_REPO: 'memory',
        STORAGE_REPO: 'local',
        FS_LOCAL_STORAGE_DIR: join(this.dir, 'storage'),
        EXPRESS_MORGAN_DIRECTORY: join(this.dir, 'logs'),
        WINSTON_CONSOLE_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    this.child = child;
    // Even if the test process dies before afterAll, the LRS does not outlive it.
    const killOnExit = () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
    };
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`the LRS exited with ${child.exitCode}: ${stderr}`);
      try {
        const response = await fetch(`${this.url}about`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the LRS did not answer on ${this.url} within 30 s: ${stderr}`);
  }

  /** Stops the process by its PID and waits until it is gone. */
  async down(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    process.kill(child.pid!, 'SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && child.signalCode === null && process.kill(child.pid!, 'SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Every statement of a registration, oldest stored first (the order the LRS received them). */
  async statements(registration: string): Promise<StoredStatement[]> {
    const headers = { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic dGVzdDp0ZXN0' };
    const out: StoredStatement[] = [];
    let url: string | null = `${this.url}statements?registration=${encodeURIComponent(registration)}&ascending=true&limit=500`;
    while (url) {
      const response: Response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`GET statements: ${response.status} ${await response.text()}`);
      const page = (await response.json()) as { statements: StoredStatement[]; more?: string };
      out.push(...page.statements);
      url = page.more ? new URL(page.more, this.url).href : null;
    }
    return out;
  }
}
