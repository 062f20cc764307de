/**
 * The LMS side of an xAPI / cmi5 launch, on 127.0.0.1 (TESTING.md §4): it serves the unzipped
 * package from one origin and, from another, plays the LMS's xAPI endpoint: statements are
 * forwarded to the real LRS (answering 503 when it is down), the State API is an in-memory store
 * (the LRS has none), the cmi5 `fetch` URL hands out a token once, `LMS.LaunchData` is written
 * per launch. Cross-origin on purpose, so CORS preflights and headers are exercised.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { PackageFile } from '../../../src/package/zip.js';

export interface Exchange {
  method: string;
  path: string;
  status: number;
  body?: unknown;
  headers: Record<string, string | string[] | undefined>;
}

const CORS_HEADERS = 'Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match';

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });

const MIME: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css', xml: 'application/xml', svg: 'image/svg+xml' };

export class LmsHost {
  /** Every xAPI request the package made (after CORS), in order. */
  readonly exchanges: Exchange[] = [];
  readonly preflights: Exchange[] = [];
  /** Statements as the package sent them and the LRS accepted them, in order. */
  readonly delivered: Array<Record<string, unknown>> = [];
  readonly states = new Map<string, string>();
  /** Valid Authorization header values. */
  readonly auths = new Set<string>();
  private readonly tokens = new Map<string, { token: string; used: boolean }>();
  /** Answer every statements request with this status instead of forwarding (fault injection). */
  failStatements: number | null = null;
  /** Delay statements requests by this many ms (a slow LRS). */
  delayMs = 0;
  private servers: Server[] = [];
  contentPort = 0;
  lmsPort = 0;

  constructor(
    private readonly lrsUrl: () => string,
    private files: PackageFile[] = [],
  ) {}

  get contentOrigin(): string {
    return `http://127.0.0.1:${this.contentPort}`;
  }

  get returnUrl(): string {
    return `http://127.0.0.1:${this.lmsPort}/return`;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.lmsPort}/xapi/`;
  }

  serve(files: PackageFile[]): void {
    this.files = files;
  }

  async start(): Promise<void> {
    const content = createServer((req, res) => this.content(req, res));
    const lms = createServer((req, res) => void this.lms(req, res).catch((error: unknown) => this.send(req, res, 500, { error: String(error) })));
    this.servers = [content, lms];
    const listen = (server: Server) => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)));
    this.contentPort = await listen(content);
    this.lmsPort = await listen(lms);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((r) => {
            s.closeAllConnections();
            s.close(() => r());
          }),
      ),
    );
  }

  /** A one-time cmi5 fetch URL whose token is a valid Authorization for this launch. */
  fetchUrl(): string {
    const id = randomUUID();
    const token = Buffer.from(`lms:${randomUUID()}`).toString('base64');
    this.tokens.set(id, { token, used: false });
    return `http://127.0.0.1:${this.lmsPort}/fetch/${id}?k=${id.slice(0, 8)}`;
  }

  stateKey(activityId: string, agent: unknown, registration: string | undefined, stateId: string): string {
    return JSON.stringify([activityId, JSON.stringify(agent), registration ?? '', stateId]);
  }

  setState(activityId: string, agent: unknown, registration: string, stateId: string, doc: unknown): void {
    this.states.set(this.stateKey(activityId, agent, registration, stateId), JSON.stringify(doc));
  }

  private content(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/pkg\//, '');
    const file = this.files.find((f) => f.path === path);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.split('.').pop() ?? ''] ?? 'application/octet-stream' }).end(file.data);
  }

  private cors(req: IncomingMessage): Record<string, string> {
    return {
      'Access-Control-Allow-Origin': String(req.headers.origin ?? '*'),
      'Access-Control-Allow-Headers': CORS_HEADERS,
      'Access-Control-Allow-Methods': 'GET, PUT, POST, DELETE, OPTIONS',
      'Access-Control-Expose-Headers': 'ETag, Last-Modified, X-Experience-API-Version',
      Vary: 'Origin',
    };
  }

  private send(req: IncomingMessage, res: ServerResponse, status: number, body?: unknown, exchange?: Exchange): void {
    if (exchange) exchange.status = status;
    const headers: Record<string, string> = { ...this.cors(req), 'X-Experience-API-Version': '1.0.3' };
    if (body === undefined) {
      res.writeHead(status, headers).end();
      return;
    }
    headers['Content-Type'] = 'application/json';
    res.writeHead(status, headers).end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  private async lms(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.endpoint);
    const exchange: Exchange = { method: req.method ?? 'GET', path: url.pathname, status: 0, headers: req.headers };
    if (req.method === 'OPTIONS') {
      this.preflights.push(exchange);
      return this.send(req, res, 204, undefined, exchange);
    }
    const text = await readBody(req);
    try {
      exchange.body = text ? JSON.parse(text) : undefined;
    } catch {
      exchange.body = text;
    }
    this.exchanges.push(exchange);

    if (url.pathname === '/return') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><title>LMS</title><p>Back in the LMS</p>');
      exchange.status = 200;
      return;
    }
    const fetchMatch = /^\/fetch\/([^/]+)$/.exec(url.pathname);
    if (fetchMatch) {
      if (req.method !== 'POST') return this.send(req, res, 405, undefined, exchange);
      const entry = this.tokens.get(fetchMatch[1]!);
      if (!entry) return this.send(req, res, 200, { 'error-code': '2', 'error-text': 'Unknown token request.' }, exchange);
      if (entry.used) return this.send(req, res, 200, { 'error-code': '1', 'error-text': 'The authorization token has already been returned.' }, exchange);
      entry.used = true;
      this.auths.add(`Basic ${entry.token}`);
      return this.send(req, res, 200, { 'auth-token': entry.token }, exchange);
    }

    if (!url.pathname.startsWith('/xapi/')) return this.send(req, res, 404, undefined, exchange);
    if (req.headers['x-experience-api-version'] !== '1.0.3') return this.send(req, res, 400, { error: 'X-Experience-API-Version 1.0.3 required' }, exchange);
    if (!this.auths.has(String(req.headers.authorization))) return this.send(req, res, 401, { error: 'unauthorised' }, exchange);
    const resource = url.pathname.slice('/xapi/'.length);

    if (resource === 'activities/state') {
      const q = url.searchParams;
      const key = this.stateKey(q.get('activityId') ?? '', JSON.parse(q.get('agent') ?? 'null'), q.get('registration') ?? undefined, q.get('stateId') ?? '');
      if (req.method === 'GET') {
        const doc = this.states.get(key);
        return doc === undefined ? this.send(req, res, 404, undefined, exchange) : this.send(req, res, 200, doc, exchange);
      }
      if (req.method === 'PUT' || req.method === 'POST') {
        if ((q.get('stateId') ?? '') === 'LMS.LaunchData') return this.send(req, res, 403, { error: 'the AU must not change LMS.LaunchData' }, exchange);
        this.states.set(key, text);
        return this.send(req, res, 204, undefined, exchange);
      }
      return this.send(req, res, 405, undefined, exchange);
    }
    if (resource === 'agents/profile') return this.send(req, res, 404, undefined, exchange);

    if (resource === 'statements') {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.failStatements !== null) return this.send(req, res, this.failStatements, { error: 'injected failure' }, exchange);
      let upstream: Response;
      try {
        upstream = await fetch(`${this.lrsUrl()}statements${url.search}`, {
          method: req.method ?? 'GET',
          headers: { 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', Authorization: 'Basic dGVzdDp0ZXN0' },
          ...(req.method === 'GET' ? {} : { body: text }),
        });
      } catch {
        return this.send(req, res, 503, { error: 'the LRS is unreachable' }, exchange);
      }
      const answer = await upstream.text();
      if (upstream.ok && req.method !== 'GET') {
        const body = exchange.body;
        for (const s of Array.isArray(body) ? body : [body]) this.delivered.push(s as Record<string, unknown>);
      }
      return this.send(req, res, upstream.status, answer, exchange);
    }
    return this.send(req, res, 404, undefined, exchange);
  }
}
