/**
 * The LRS connection both adapters share: `@xapi/xapi` (version 1.0.3 headers, resource URLs,
 * endpoint with or without trailing slash) over our own fetch adapter, which adds what the library
 * does not do: a timeout for slow LRSs, `keepalive` for the requests sent on `pagehide`, and errors
 * that carry the HTTP status, so the statement queue can tell "retry" (network, 408, 429, 5xx)
 * from "reported, not retried" (other 4xx).
 */
import xapiModule from '@xapi/xapi';
import type { Statement } from './xapi-statements.js';

/** The XAPI class: its CommonJS (Node) and ESM (bundle) builds both expose it as `.default`. */
const XAPI = xapiModule.default;
type XapiClient = InstanceType<typeof XAPI>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`LRS answered ${status}${body ? `: ${body.slice(0, 300)}` : ''}`);
  }
}

/** Network failures, timeouts, 408, 429 and 5xx are worth retrying; other answers are final. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof HttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return true;
}

export interface ClientOptions {
  endpoint: string;
  /** The Authorization header value given at launch (never stored). */
  auth: string;
  fetch: typeof fetch;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (id: never) => void;
  /** Requests slower than this are aborted and retried (default 20 s). */
  timeoutMs?: number;
}

/** A client for the LRS the LMS named at launch, using the page's fetch and timers. */
export function lrsClientIn(win: Window, endpoint: string, auth: string, timeoutMs?: number): LrsClient {
  return new LrsClient({
    endpoint,
    auth,
    fetch: win.fetch.bind(win),
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (t) => win.clearTimeout(t),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
}

type AdapterArgs = { url: string; method: string; headers?: Record<string, string>; data?: unknown };

export interface StateParams {
  activityId: string;
  agent: Record<string, unknown>;
  registration?: string;
  stateId: string;
}

export class LrsClient {
  readonly xapi: XapiClient;
  /** Set while a request must outlive the page (pagehide). */
  private keepalive = false;

  get endpoint(): string {
    return this.options.endpoint;
  }

  constructor(private readonly options: ClientOptions) {
    this.xapi = new XAPI({ endpoint: options.endpoint, auth: options.auth, version: '1.0.3', adapter: ((args: AdapterArgs) => this.request(args)) as never });
  }

  private async request({ url, method, headers = {}, data }: AdapterArgs): Promise<{ data: unknown; headers: Record<string, string>; status: number }> {
    const keepalive = this.keepalive;
    const controller = keepalive ? null : new AbortController();
    const timer = controller ? this.options.setTimeout(() => controller.abort(), this.options.timeoutMs ?? 20000) : null;
    try {
      const body = data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data);
      const response = await this.options.fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(keepalive ? { keepalive: true } : {}),
        ...(controller ? { signal: controller.signal } : {}),
        credentials: 'omit',
        cache: 'no-store',
      });
      const text = await response.text();
      if (!response.ok) throw new HttpError(response.status, text);
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : text;
      } catch {
        parsed = text;
      }
      const out: Record<string, string> = {};
      response.headers.forEach((value, key) => (out[key] = value));
      return { data: parsed, headers: out, status: response.status };
    } finally {
      if (timer !== null) this.options.clearTimeout(timer as never);
    }
  }

  /** Runs `send` with keepalive on: the request starts synchronously, so it survives the page. */
  withKeepalive<T>(send: () => Promise<T>): Promise<T> {
    this.keepalive = true;
    try {
      return send();
    } finally {
      this.keepalive = false;
    }
  }

  async sendStatements(statements: Statement[]): Promise<void> {
    await this.xapi.sendStatements({ statements: statements as never });
  }

  /** A State API document, or null when there is none (404). */
  async getState<T>(params: StateParams): Promise<T | null> {
    try {
      const response = await this.xapi.getState({ ...params, agent: params.agent as never });
      const doc = response.data as unknown;
      if (typeof doc === 'string') return doc ? (JSON.parse(doc) as T) : null;
      return (doc as T) ?? null;
    } catch (error) {
      if (error instanceof HttpError && error.status === 404) return null;
      throw error;
    }
  }

  async setState(params: StateParams, doc: unknown): Promise<void> {
    await this.xapi.setState({ ...params, agent: params.agent as never, state: doc as never });
  }

  async getAgentProfile(agent: Record<string, unknown>, profileId: string): Promise<unknown> {
    try {
      return (await this.xapi.getAgentProfile({ agent: agent as never, profileId })).data;
    } catch (error) {
      if (error instanceof HttpError && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  }
}
