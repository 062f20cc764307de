/**
 * A Moodle site for the browser suite: a server on 127.0.0.1 (random port) that plays
 * `mod/scorm`'s server side (the launch of `scorm_check_mode` and `get_scorm_default`, and
 * `datamodel.php` storing every save it receives, XHR or beacon) and serves a host page that plays
 * its browser side (moodle-host-entry.ts). `enter()` opens the activity; `leave()` navigates the
 * Moodle page away as "Exit activity" does and waits for the unload save to arrive.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { Frame, Page } from 'playwright-core';
import type { BuiltPackage } from '../../../src/package/build.js';
import { manifestThreshold } from '../../support/dom-lms-2004.js';
import { ROOT } from '../../support/build.js';
import { moodleLaunch, storeSave, type MoodleLaunch, type Tracks } from '../../support/moodle-lms.js';
import { waitForPlayer } from './lms.js';
import { poll } from './lms.js';
import { unzipPackage } from './server.js';
import { moodleType } from './moodle-mime.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** One request as the server received it. */
export interface Received {
  beacon: boolean;
  bytes: number;
  terminate: boolean;
  attempt: number;
}

let entry: Promise<string> | undefined;
function hostBundle(): Promise<string> {
  entry ??= build({ entryPoints: [resolve(import.meta.dirname, 'moodle-host-entry.ts')], bundle: true, format: 'iife', target: ['es2020'], write: false, logLevel: 'silent' }).then((r) => r.outputFiles[0]!.text);
  return entry;
}

export class MoodleHost {
  readonly attempts: Tracks[] = [];
  readonly received: Received[] = [];
  launches: MoodleLaunch[] = [];
  /** Each package file requested, with the media type it was sent with. */
  readonly served = new Map<string, string>();
  private origin = '';
  private close?: () => Promise<void>;

  constructor(readonly pkg: BuiltPackage) {}

  get standard(): 'scorm12' | 'scorm2004' {
    return this.pkg.target === 'scorm2004' ? 'scorm2004' : 'scorm12';
  }

  async start(): Promise<void> {
    const files = unzipPackage(this.pkg.zip);
    const standard = this.standard;
    const runtime = readFileSync(resolve(ROOT, `node_modules/scorm-again/dist/${standard}.min.js`));
    const bundle = await hostBundle();
    const threshold = standard === 'scorm2004' ? manifestThreshold(this.pkg) : '';
    const host = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Moodle (test)</title><link rel="icon" href="data:,">
<style>html, body { margin: 0; height: 100%; } iframe { display: block; border: 0; width: 100%; height: 100%; }</style>
<script src="/runtime.js"></script></head><body><iframe id="sco" title="Course"></iframe><script src="/host.js"></script></body></html>`;
    const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    };
    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const path = decodeURIComponent(url.pathname);
      if (req.method === 'POST' && path === '/datamodel') {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        const type = String(req.headers['content-type'] ?? '');
        const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': type }, body }).formData();
        const fields = [...form.entries()].map(([name, value]) => ({ name, value: String(value) }));
        const launch = this.launches[this.launches.length - 1]!;
        storeSave(standard, (this.attempts[launch.attempt - 1] ??= {}), fields);
        this.received.push({ beacon: type.startsWith('multipart/'), bytes: body.length, terminate: fields.some((f) => /total_time$/.test(f.name)), attempt: launch.attempt });
        return send(res, 200, 'text/plain', 'true\n0');
      }
      if (path === '/launch') {
        const launch = moodleLaunch(standard, this.attempts, { newAttempt: url.searchParams.has('new') });
        this.launches.push(launch);
        return send(res, 200, 'application/json', JSON.stringify({ ...launch, threshold }));
      }
      if (path === '/' || path === '/host.html') return send(res, 200, TYPES['.html']!, host);
      if (path === '/host.js') return send(res, 200, TYPES['.js']!, bundle);
      if (path === '/runtime.js') return send(res, 200, TYPES['.js']!, runtime);
      if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
      const file = path.startsWith('/pkg/') ? files.get(path.slice(5)) : undefined;
      if (file) {
        // The package's files go out with Moodle's media types (moodle-mime.ts), byte ranges
        // answered as its send_stored_file does (byteserving_send_file in lib/filelib.php).
        const type = moodleType(path);
        this.served.set(path.slice(5), type);
        const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
        if (range && (range[1] || range[2])) {
          const start = range[1] ? Number(range[1]) : Math.max(0, file.length - Number(range[2]));
          const end = range[1] && range[2] ? Math.min(Number(range[2]), file.length - 1) : file.length - 1;
          res.writeHead(206, { 'Content-Type': type, 'Content-Range': `bytes ${start}-${end}/${file.length}`, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' });
          return res.end(file.subarray(start, end + 1));
        }
        return send(res, 200, type, file);
      }
      return send(res, 404, 'text/plain', 'not found');
    };
    const server = createServer((req, res) => void handle(req, res).catch((e: unknown) => send(res, 500, 'text/plain', String(e))));
    const sockets = new Set<Socket>();
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    this.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.close = () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      });
  }

  async stop(): Promise<void> {
    await this.close?.();
  }

  /** Opens the activity ("Enter", optionally with "Start a new attempt") and waits for the player. */
  async enter(page: Page, options: { newAttempt?: boolean } = {}): Promise<{ frame: Frame; launch: MoodleLaunch }> {
    await page.goto(`${this.origin}/host.html${options.newAttempt ? '?new=1' : ''}`);
    await page.waitForFunction(() => {
      const w = window as unknown as { hostError?: string };
      if (w.hostError) throw new Error(`host page: ${w.hostError}`);
      return (document.getElementById('sco') as HTMLIFrameElement).src !== '';
    });
    const frame = await (await page.locator('#sco').elementHandle())!.contentFrame();
    if (!frame) throw new Error('no SCO frame');
    await waitForPlayer(frame);
    return { frame, launch: this.launches[this.launches.length - 1]! };
  }

  /** The strict wrapper's record of the session on the page (read before leaving). */
  async violations(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      const w = window as unknown as { API?: { violations: string[] }; API_1484_11?: { violations: string[] } };
      return (w.API_1484_11 ?? w.API)!.violations;
    });
  }

  /** "Exit activity": the Moodle page goes away; resolves once the unload save (with total_time) has arrived. */
  async leave(page: Page): Promise<Received> {
    const before = this.received.length;
    await page.goto('about:blank');
    return poll(() => this.received.slice(before).find((r) => r.terminate), 'the unload save (sendBeacon) after Terminate');
  }
}
