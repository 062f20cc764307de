/** Small helpers for the studio's node:http server: JSON answers, errors, request bodies with a size limit. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A refusal or a failure the client can act on: `{ error: { code, message } }` with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** More fields for the body (a conflict's `current`, a check's `diagnostics`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...NO_STORE, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...NO_STORE, 'content-type': type, ...headers });
  res.end(body);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message }, ...error.extra });
}

/** The request body, refused with 413 beyond `limit` bytes (the connection is not read further). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new ApiError(413, 'too-large', `the request is ${declared} bytes; the limit is ${limit}`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new ApiError(413, 'too-large', `the request is over the limit of ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function readJson<T>(req: IncomingMessage, limit = 4 * 1024 * 1024): Promise<T> {
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch {
    throw new ApiError(400, 'bad-json', 'the request body is not valid JSON');
  }
}
