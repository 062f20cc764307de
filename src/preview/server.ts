/**
 * `coursepack preview`: serves a course on 127.0.0.1 inside a simulated LMS (SCORM 1.2 or SCORM
 * 2004), rebuilds when a source file changes and reloads the page; errors are shown in the page,
 * never a crash.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { formatDiagnostic } from '../diagnostics/printer.js';
import { build } from '../package/build.js';
import { FROM_SOURCE, PREVIEW_RUNTIME_DIR } from '../paths.js';
import type { PackageFile } from '../package/zip.js';
import { completionThreshold } from '../targets/scorm2004/manifest.js';
import { diagnosticsPage, HOST_SCRIPT, hostPage, type PreviewTarget } from './host-page.js';

/** Content types of the files a package holds (also used by the studio's preview). */
export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

export interface PreviewOptions {
  course: string;
  port?: number;
  lang?: string;
  /** The package built and the LMS simulated around it (default scorm12). */
  target?: PreviewTarget;
  cwd: string;
  log: (line: string) => void;
}

export interface Preview {
  url: string;
  /** Rebuilds now (also called on every file change). Resolves when the new build is served. */
  rebuild(): Promise<void>;
  /** How many builds have been served. */
  readonly version: number;
  close(): Promise<void>;
}

/** One in-memory build of the preview's package: its files, or the page showing why there are none. */
export interface PreviewBuild {
  files: Map<string, PackageFile['data']>;
  /** The course frame's page when the course has errors (or the build failed); null when built. */
  errorPage: string | null;
  /** The diagnostics (or the failure) as text, for the log; undefined when built cleanly. */
  report?: string;
  /** True when the build itself failed (a bug), not the course. */
  internal?: boolean;
  title?: string;
  /** `<course id>:<lang>`: where the host page keeps progress. */
  courseKey?: string;
  /** SCORM 2004's completion threshold from the manifest ('' for SCORM 1.2). */
  threshold: string;
}

/** Builds `target`'s package of `course` in one language (default: the first), in memory (also the studio's preview). */
export async function buildPreview(course: string, target: PreviewTarget, lang: string | undefined, cwd: string): Promise<PreviewBuild> {
  try {
    const result = await build({ courses: [course], targets: [target], langs: lang ? [lang] : undefined, write: false, cwd });
    const pkg = result.packages[0];
    if (!result.ok || !pkg) {
      const report = result.diagnostics.map((d) => formatDiagnostic(d, { readSource: (f) => result.sources.get(f) })).join('\n\n');
      return { files: new Map(), errorPage: diagnosticsPage(report || 'No package was built.'), report, threshold: '' };
    }
    const built = result.courses[0];
    return {
      files: new Map(pkg.files.map((f) => [f.path, f.data])),
      errorPage: null,
      title: built?.title[pkg.lang],
      courseKey: `${pkg.course}:${pkg.lang}`,
      threshold: target === 'scorm2004' && built ? completionThreshold(built) : '',
    };
  } catch (error) {
    return { files: new Map(), errorPage: diagnosticsPage(`coursepack failed while building: ${(error as Error).stack ?? String(error)}`), report: (error as Error).message, internal: true, threshold: '' };
  }
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  let files = new Map<string, PackageFile['data']>();
  let errorPage: string | null = null;
  let title = options.course;
  let threshold = '';
  // Progress is kept per course: another course previewed on the same port starts fresh.
  let courseKey = options.course;
  let version = 0;
  const clients = new Set<ServerResponse>();
  const target = options.target ?? 'scorm12';
  // The classic-script build (global Scorm12API or Scorm2004API) that real LMS pages load.
  const runtimePath = `/scorm-again/${target}.min.js`;
  const scormAgain = FROM_SOURCE ? createRequire(import.meta.url).resolve(`scorm-again/${target}/min`) : join(PREVIEW_RUNTIME_DIR, `${target}.min.js`);

  const rebuild = async (): Promise<void> => {
    const built = await buildPreview(options.course, target, options.lang, options.cwd);
    if (built.report !== undefined) options.log(built.internal ? `preview: internal error: ${built.report}` : `preview: the course has errors (shown in the page)\n${built.report}`);
    errorPage = built.errorPage;
    if (!built.errorPage) {
      files = built.files;
      title = built.title ?? title;
      courseKey = built.courseKey ?? courseKey;
      threshold = built.threshold;
      options.log(`preview: built ${built.courseKey?.replace(':', ' (')}, ${target})`);
    }
    version++;
    for (const client of clients) client.write(`data: ${version}\n\n`);
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/' || path === '/index.html') return send(res, 200, TYPES['.html']!, hostPage(title, target, threshold, courseKey));
    if (path === '/preview.js') return send(res, 200, TYPES['.js']!, HOST_SCRIPT);
    if (path === runtimePath) {
      void readFile(scormAgain).then((data) => send(res, 200, TYPES['.js']!, data), () => send(res, 500, 'text/plain', 'scorm-again not found'));
      return;
    }
    if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (path.startsWith('/course/')) {
      const file = path.slice('/course/'.length) || 'index.html';
      if (errorPage && file === 'index.html') return send(res, 200, TYPES['.html']!, errorPage);
      const data = files.get(file);
      if (data === undefined) return send(res, 404, 'text/plain', 'not found');
      return send(res, 200, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', typeof data === 'string' ? data : Buffer.from(data));
    }
    send(res, 404, 'text/plain', 'not found');
  });

  await rebuild();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(resolve(options.cwd, options.course), { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), 150);
    });
  } catch (error) {
    options.log(`preview: cannot watch the course folder (${(error as Error).message}); reload by hand`);
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    rebuild,
    get version() {
      return version;
    },
    close: async () => {
      clearTimeout(timer);
      watcher?.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
