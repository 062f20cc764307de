/**
 * A static server on 127.0.0.1 (random port) for the browser suite: packages unzipped in memory
 * under /NAME/, scorm-again, the strict wrapper, the LMS host page, an LMS commit endpoint that
 * keeps every commit (the final one arrives by sendBeacon) and saved CMI for relaunches.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { ROOT } from '../../support/build.js';
import { HOST_PAGE } from './host-page.js';
import { strictScorm12Bundle } from './strict-bundle.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.ogg': 'audio/ogg',
  '.vtt': 'text/vtt; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface Commit {
  /** `beacon` (text/plain, sent by LMSFinish) or `xhr` (LMSCommit). */
  kind: 'beacon' | 'xhr';
  body: Record<string, unknown>;
}

export interface TestServer {
  origin: string;
  /** Every commit the LMS runtime sent, oldest first. */
  commits: Commit[];
  /** CMI served at /cmi/KEY for `host.html?resume=KEY`. */
  saved: Map<string, unknown>;
  /** Paths requested that the server does not have (a package must reference only its own files). */
  missing: string[];
  close(): Promise<void>;
}

/** Unzips a package (the real zip, not the file list) into path → bytes. */
export function unzipPackage(zip: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(zip)));
}

export async function startServer(mounts: Record<string, Uint8Array>): Promise<TestServer> {
  const packages = new Map(Object.entries(mounts).map(([name, zip]) => [name, unzipPackage(zip)]));
  const scormAgain = readFileSync(resolve(ROOT, 'node_modules/scorm-again/dist/scorm12.min.js'));
  const strict = await strictScorm12Bundle();
  const commits: Commit[] = [];
  const saved = new Map<string, unknown>();
  const missing: string[] = [];

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array) => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = decodeURIComponent(url.pathname);
    if (req.method === 'POST' && path === '/commit') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const kind = String(req.headers['content-type'] ?? '').startsWith('text/plain') ? 'beacon' : 'xhr';
      try {
        commits.push({ kind, body: JSON.parse(text) as Record<string, unknown> });
      } catch {
        commits.push({ kind, body: { unparsable: text } });
      }
      return send(res, 200, TYPES['.json']!, JSON.stringify({ result: true, errorCode: 0 }));
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    // Browsers ask the site root for an icon on their own: not a reference from the package.
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (path === '/host.html') return send(res, 200, TYPES['.html']!, HOST_PAGE);
    if (path === '/strict-scorm12.js') return send(res, 200, TYPES['.js']!, strict);
    if (path === '/scorm-again/dist/scorm12.min.js') return send(res, 200, TYPES['.js']!, scormAgain);
    if (path.startsWith('/cmi/')) {
      const key = path.slice('/cmi/'.length);
      return saved.has(key) ? send(res, 200, TYPES['.json']!, JSON.stringify(saved.get(key))) : send(res, 404, 'text/plain', 'no saved cmi');
    }
    const [, mount, ...rest] = path.split('/');
    const file = packages.get(mount ?? '')?.get(rest.join('/'));
    // Media players seek with Range requests, as web servers and LMSs answer them (issue 15).
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
    if (file && range && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : Math.max(0, file.length - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), file.length - 1) : file.length - 1;
      res.writeHead(206, { 'Content-Type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', 'Content-Range': `bytes ${start}-${end}/${file.length}`, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' });
      return res.end(file.subarray(start, end + 1));
    }
    if (file) return send(res, 200, TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream', file);
    missing.push(path);
    return send(res, 404, 'text/plain', 'not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, 'text/plain', String(error)));
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    commits,
    saved,
    missing,
    close: () =>
      new Promise<void>((ok) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => ok());
      }),
  };
}
