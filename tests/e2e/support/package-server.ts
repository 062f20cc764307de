/**
 * Serves built packages' files from memory on 127.0.0.1 (random port), each under /NAME/: for
 * tests that open a package straight in the browser (the web build, standalone tracker), with no LMS.
 */
import { createServer } from 'node:http';
import { extname } from 'node:path';
import type { BuiltPackage } from '../../../src/package/build.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.webm': 'video/webm', '.ogg': 'audio/ogg', '.mp3': 'audio/mpeg', '.mp4': 'video/mp4', '.vtt': 'text/vtt; charset=utf-8' };

export interface PackageServer {
  /** `http://127.0.0.1:PORT`; a package's index page is `${base}/NAME/index.html`. */
  base: string;
  close(): Promise<void>;
}

export async function servePackages(packages: Record<string, BuiltPackage>): Promise<PackageServer> {
  const server = createServer((req, res) => {
    const [, name, ...rest] = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.split('/');
    const file = packages[name ?? '']?.files.find((f) => f.path === rest.join('/'));
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file.path)] ?? 'application/octet-stream' });
    res.end(file.data);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return {
    base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
