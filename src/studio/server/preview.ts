/**
 * The studio's live preview: `GET /preview/?token=T&lang=fr&page=<page-id>` is the host page of
 * `coursepack preview` (src/preview: scorm-again's SCORM 1.2 runtime as the LMS, the real player in
 * a frame), opened at `page` and keeping no progress. Its files are under /preview/<token>/<lang>/
 * (a frame's requests carry no header, so the token is in the path); each language's package is
 * built in memory when first asked for, and again after a change, which also reloads the page.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { ID_PATTERN, LANG_PATTERN } from '../../course/schema.js';
import { FROM_SOURCE, PREVIEW_RUNTIME_DIR } from '../../paths.js';
import type { PreviewBuild } from '../../preview/server.js';
import type { Route, StudioContext } from './context.js';
import { ApiError, sendText } from './http.js';
import { tokenMatches } from './security.js';

const TARGET = 'scorm12';
/** The host page: its own scripts only; inline styles (its header); frames and requests to the studio. */
const HOST_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export interface StudioPreviewServer {
  route: Route;
  /** The course changed: builds are stale, open pages reload. */
  invalidate(): void;
  close(): void;
}

export function studioPreview(ctx: StudioContext): StudioPreviewServer {
  const builds = new Map<string, Promise<PreviewBuild>>();
  const clients = new Set<ServerResponse>();
  let generation = 0;
  const runtime = FROM_SOURCE ? createRequire(import.meta.url).resolve(`scorm-again/${TARGET}/min`) : join(PREVIEW_RUNTIME_DIR, `${TARGET}.min.js`);

  const buildFor = (lang: string): Promise<PreviewBuild> => {
    let built = builds.get(lang);
    if (!built) {
      built = import('../../preview/server.js').then(({ buildPreview }) => buildPreview(ctx.root, TARGET, lang, ctx.root));
      builds.set(lang, built);
    }
    return built;
  };

  const languages = (): string[] => {
    try {
      const data = ctx.files.state('course.yaml').data as { languages?: unknown } | null;
      return Array.isArray(data?.languages) ? data.languages.filter((l): l is string => typeof l === 'string') : [];
    } catch {
      return [];
    }
  };

  const hostPage = async (res: ServerResponse, url: URL) => {
    if (!tokenMatches(url.searchParams.get('token'), ctx.token)) throw new ApiError(403, 'bad-token', 'the preview needs the session token (?token=)');
    const langs = languages();
    const lang = url.searchParams.get('lang') ?? langs[0];
    if (!lang || !LANG_PATTERN.test(lang) || !langs.includes(lang)) throw new ApiError(400, 'bad-lang', `lang must be a language of the course (${langs.join(', ')})`);
    const page = url.searchParams.get('page') ?? undefined;
    if (page !== undefined && !ID_PATTERN.test(page)) throw new ApiError(400, 'bad-page', `"${page}" is not a page id`);
    // The page's files, and its events, are under the course's generation as it is now: a change made
    // before the page's EventSource connects is not missed (the events route tells a late page to reload).
    const served = generation;
    const [{ hostPage: page_ }, built] = await Promise.all([import('../../preview/host-page.js'), buildFor(lang)]);
    const html = page_(built.title ?? 'coursepack studio', TARGET, built.threshold, built.courseKey ?? '', { base: `/preview/${ctx.token}/${lang}/g${served}`, ...(page ? { page } : {}) });
    sendText(res, 200, 'text/html; charset=utf-8', html, { 'content-security-policy': HOST_CSP });
  };

  const route: Route = async (_ctx, req, res, url) => {
    if (url.pathname === '/preview/') return hostPage(res, url);
    const match = /^\/preview\/([^/]+)\/([^/]+)\/(?:g(\d+)\/)?(.+)$/.exec(url.pathname);
    if (!match || !tokenMatches(decodeURIComponent(match[1]!), ctx.token)) throw new ApiError(403, 'bad-token', 'the preview needs the session token');
    const lang = decodeURIComponent(match[2]!);
    const pageGeneration = match[3] === undefined ? undefined : Number(match[3]);
    const rest = decodeURIComponent(match[4]!);
    if (!languages().includes(lang)) throw new ApiError(404, 'not-found', `${lang} is not a language of the course`);
    if (rest === 'preview.js') {
      const { HOST_SCRIPT } = await import('../../preview/host-page.js');
      return sendText(res, 200, 'text/javascript; charset=utf-8', HOST_SCRIPT);
    }
    if (rest === `scorm-again/${TARGET}.min.js`) return sendText(res, 200, 'text/javascript; charset=utf-8', await readFile(runtime));
    if (rest === 'events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      // The course changed between serving the page and its connecting here: reload it now.
      if (pageGeneration !== undefined && pageGeneration !== generation) res.write(`data: ${generation}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return undefined;
    }
    if (!rest.startsWith('course/')) throw new ApiError(404, 'not-found', `nothing at ${url.pathname}`);
    const file = rest.slice('course/'.length) || 'index.html';
    const built = await buildFor(lang);
    const { TYPES } = await import('../../preview/server.js');
    if (built.errorPage && file === 'index.html') return sendText(res, 200, TYPES['.html']!, built.errorPage, { 'content-security-policy': "frame-ancestors 'self'" });
    const data = built.files.get(file);
    if (data === undefined) throw new ApiError(404, 'not-found', `the package has no ${file}`);
    return sendText(res, 200, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', typeof data === 'string' ? data : Buffer.from(data), { 'content-security-policy': "frame-ancestors 'self'" });
  };

  return {
    route,
    invalidate: () => {
      builds.clear();
      generation++;
      for (const client of clients) client.write(`data: ${generation}\n\n`);
    },
    close: () => {
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
