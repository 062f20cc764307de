/** Starts `startStudio` on port 0 for a test and talks to it over real HTTP on 127.0.0.1; stopped after each test. */
import { request } from 'node:http';
import { afterEach } from 'vitest';
import { startStudio, type Studio, type StudioOptions } from '../../src/studio/server/index.js';

const running: Studio[] = [];
afterEach(async () => {
  while (running.length) await running.pop()!.close();
});

export interface StudioClient {
  studio: Studio;
  base: string;
  /** fetch with the session token (unless `token: null`). */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  json<T = any>(path: string, init?: RequestInit & { token?: string | null }): Promise<{ status: number; body: T }>;
  /** A request with headers fetch would not let a test set (Host, Origin). */
  raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }>;
}

export async function openStudio(options: StudioOptions): Promise<StudioClient> {
  const studio = await startStudio(options);
  running.push(studio);
  const base = `http://127.0.0.1:${studio.port}`;
  const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = studio.token, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set('x-studio-token', token);
    return fetch(`${base}${path}`, { ...rest, headers });
  };
  return {
    studio,
    base,
    api,
    json: async (path, init) => {
      const res = await api(path, init);
      return { status: res.status, body: await res.json() };
    },
    raw: (method, path, headers, body) =>
      new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: studio.port, method, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.on('error', reject);
        req.end(body);
      }),
  };
}

/** Reads server-sent events from `res` until `want` returns true for one (or the time runs out). */
export async function nextEvent(res: Response, want: (event: string, data: any) => boolean, ms = 10000): Promise<{ event: string; data: any }> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + ms;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
      if (!chunk || chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data !== undefined && want(event, JSON.parse(data))) return { event, data: JSON.parse(data) };
      }
    }
  } finally {
    reader.releaseLock();
  }
  throw new Error('no such event arrived');
}
