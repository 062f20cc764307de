/**
 * `coursepack studio`: the local server of the visual editor. It listens on 127.0.0.1 only,
 * answers only to its own Host names, and serves the app, the JSON API over the course folder
 * (every /api request carries the session's token) and the preview. README.md lists the routes.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { CourseFiles, listedFiles } from './course-files.js';
import type { Route, StudioContext } from './context.js';
import { EventHub, watchCourse } from './events.js';
import { deleteFiles, getCourse, getFile, postEdit, postFiles, postRedo, postUndo } from './file-routes.js';
import { ApiError, sendError, sendJson, sendText } from './http.js';
import { getSchema, getStrings } from './info-routes.js';
import { checkHost, checkOrigin, newToken, tokenMatches } from './security.js';
import { MissingUi, STUDIO_CSP, STUDIO_PAGE, uiBundle } from './ui-bundle.js';

export interface StudioOptions {
  /** The course folder (a folder without course.yaml yet can receive a new course). */
  courseDir: string;
  /** Port on 127.0.0.1; 0 (the default) takes a free one. */
  port?: number;
  /** Where the studio was started (default process.cwd()): builds write to its dist/, as the CLI does. */
  cwd?: string;
  /** Told about problems that are not the client's (an internal error). */
  log?: (line: string) => void;
  /** The app's source folder (default src/studio/ui, or the bundle made at pack time); for tests. */
  uiDir?: string;
  /** The interface strings' folder (default templates/i18n/studio); for tests. */
  stringsDir?: string;
}

export interface Studio {
  /** The address to open, with the token: http://127.0.0.1:PORT/?token=T */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const ROUTES: Record<string, Route> = {
  'GET /api/course': getCourse,
  'GET /api/file': getFile,
  'POST /api/edit': postEdit,
  'POST /api/undo': postUndo,
  'POST /api/redo': postRedo,
  'POST /api/files': postFiles,
  'DELETE /api/files': deleteFiles,
  'GET /api/schema': getSchema,
  'GET /api/strings': getStrings,
  'GET /api/events': async (ctx, _req, res) => ctx.events.open(res),
};

/** Routes added by other modules of the studio (diagnostics, translations, build, preview…). */
export type ExtraRoutes = Record<string, Route>;

export async function startStudio(options: StudioOptions): Promise<Studio> {
  const root = resolve(options.courseDir);
  if (!existsSync(root)) throw new Error(`${root} does not exist`);
  const token = newToken();
  const files = new CourseFiles(root);
  const events = new EventHub();
  const log = options.log ?? (() => {});
  const afterWrite: Array<(paths: string[]) => void> = [];
  const ctx: StudioContext = {
    root,
    cwd: resolve(options.cwd ?? process.cwd()),
    port: 0,
    token,
    ...(options.stringsDir ? { stringsDir: options.stringsDir } : {}),
    files,
    events,
    wrote: (paths) => afterWrite.forEach((hook) => hook(paths)),
  };
  const { extraRoutes, onChange, close: closeExtras } = await (await import('./course-routes.js')).courseRoutes(ctx);
  afterWrite.push(onChange);
  const routes: Record<string, Route> = { ...ROUTES, ...extraRoutes };

  // What the watcher compares with: the listed files as they are now.
  try {
    for (const { path } of listedFiles(files.exists('course.yaml') ? files.state('course.yaml').data : null)) files.seen.set(path, files.version(path));
  } catch {
    // a listed path the studio refuses (outside the folder): check reports it
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    checkHost(req, ctx.port);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${ctx.port}`);
    const path = url.pathname;
    if (path.startsWith('/api/')) {
      const header = req.headers['x-studio-token'];
      // EventSource cannot send headers: the event stream alone also takes the token in its address.
      const viaQuery = req.method === 'GET' && path === '/api/events' && tokenMatches(url.searchParams.get('token'), token);
      if (!viaQuery && !tokenMatches(typeof header === 'string' ? header : undefined, token)) {
        throw new ApiError(403, 'bad-token', 'missing or wrong X-Studio-Token: open the studio at the address `coursepack studio` printed');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') checkOrigin(req, ctx.port);
      const route = routes[`${req.method} ${path}`];
      if (!route) throw new ApiError(404, 'not-found', `no route ${req.method} ${path}`);
      const body = await route(ctx, req, res, url);
      if (body !== undefined && !res.headersSent) sendJson(res, 200, body);
      return;
    }
    if (path === '/studio.js' || path === '/studio.css') {
      const bundle = await uiBundle(options.uiDir);
      sendText(res, 200, path.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8', path.endsWith('.js') ? bundle.js : bundle.css);
      return;
    }
    if (path === '/' || path === '/index.html') {
      if (!tokenMatches(url.searchParams.get('token'), token)) throw new ApiError(403, 'bad-token', 'open the studio at the address `coursepack studio` printed (it holds the session token)');
      await uiBundle(options.uiDir);
      sendText(res, 200, 'text/html; charset=utf-8', STUDIO_PAGE, { 'content-security-policy': STUDIO_CSP });
      return;
    }
    const extra = routes[`${req.method} ${path.replace(/^(\/[^/]+\/).*$/, '$1*')}`];
    if (extra) {
      await extra(ctx, req, res, url);
      return;
    }
    throw new ApiError(404, 'not-found', `nothing at ${path}`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.end();
      if (error instanceof ApiError) return sendError(res, error);
      if (error instanceof MissingUi) return sendError(res, new ApiError(500, 'no-ui', error.message));
      log(`studio: internal error: ${(error as Error).stack ?? String(error)}`);
      sendError(res, new ApiError(500, 'internal', `coursepack failed: ${(error as Error).message} (a bug in coursepack: please report it)`));
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const address = server.address();
  ctx.port = typeof address === 'object' && address ? address.port : (options.port ?? 0);

  const watcher = watchCourse(files, (changed) => {
    for (const change of changed) events.send('changed', change);
    onChange(changed.map((c) => c.path));
  });

  return {
    url: `http://127.0.0.1:${ctx.port}/?token=${token}`,
    token,
    port: ctx.port,
    close: async () => {
      watcher.close();
      closeExtras();
      events.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
