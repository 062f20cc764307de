/**
 * `POST /api/build` (as `coursepack build`: the packages go to dist/ of the folder the studio was
 * started in) and `POST /api/new` (as `coursepack new`, into the studio's folder while it holds
 * no course yet).
 */
import { randomUUID } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { ID_PATTERN, LANG_PATTERN } from '../../course/schema.js';
import { SCHEMA_DIR } from '../../paths.js';
import { TARGET_IDS } from '../../targets/ids.js';
import type { Change } from './course-files.js';
import type { Route } from './context.js';
import { placeDiagnostics } from './diagnostics.js';
import { getCourse } from './file-routes.js';
import { ApiError, readJson } from './http.js';

export const postBuild: Route = async (ctx, req) => {
  const body = await readJson<{ targets?: unknown }>(req);
  const targets = body.targets;
  if (targets !== undefined && (!Array.isArray(targets) || targets.some((t) => !(TARGET_IDS as readonly unknown[]).includes(t)))) {
    throw new ApiError(400, 'bad-targets', `targets must be a list of ${TARGET_IDS.join(', ')}`);
  }
  const { build } = await import('../../package/build.js');
  // Diagnostics name course-relative files (cwd: the course); packages go to <cwd>/dist as with the CLI.
  const result = await build({ courses: [ctx.root], targets: targets as string[] | undefined, out: resolve(ctx.cwd, 'dist'), cwd: ctx.root });
  const display = (path: string) => relative(ctx.cwd, path).split(sep).join('/');
  return {
    ok: result.ok,
    packages: result.packages.map((p) => ({ path: display(p.path), target: p.target, lang: p.lang, bytes: p.bytes })),
    diagnostics: placeDiagnostics(ctx, result.diagnostics),
  };
};

export const postNew: Route = async (ctx, req, res, url) => {
  const body = await readJson<{ id?: unknown; title?: unknown; languages?: unknown }>(req);
  if (ctx.files.exists('course.yaml')) throw new ApiError(409, 'course-exists', `${ctx.root} already holds a course: a new one goes into an empty folder (coursepack studio <new-folder>)`);
  const { id, title, languages } = body;
  if (typeof id !== 'string' || !ID_PATTERN.test(id) || id.length > 64) throw new ApiError(400, 'bad-id', 'id must be lowercase letters, digits and single hyphens (e.g. safe-lifting), at most 64 characters');
  if (!Array.isArray(languages) || !languages.length || languages.some((l) => typeof l !== 'string' || !LANG_PATTERN.test(l)) || new Set(languages).size !== languages.length) {
    throw new ApiError(400, 'bad-languages', 'languages must be a list of different language codes such as ["en", "fr"], the source language first');
  }
  if (title !== undefined && (typeof title !== 'string' || !title.trim())) throw new ApiError(400, 'bad-request', 'title must be a non-empty text');
  const { scaffoldCourse } = await import('../../course/scaffold.js');
  const files = scaffoldCourse({ id, languages: languages as string[], uuid: randomUUID(), schemaDir: relative(ctx.root, SCHEMA_DIR).split(sep).join('/'), ...(title ? { title: title as string } : {}) });
  const changes: Change[] = Object.entries(files).map(([path, text]) => ({ path, before: null, after: Buffer.from(text, 'utf8') }));
  const taken = changes.filter((c) => ctx.files.exists(c.path)).map((c) => c.path);
  if (taken.length) throw new ApiError(409, 'course-exists', `${taken.join(', ')} already exist in ${ctx.root}: start the studio on an empty folder`);
  ctx.files.commit(changes, new Map(changes.map((c) => [c.path, null])));
  const { mkdirSync } = await import('node:fs');
  mkdirSync(ctx.files.full('assets'), { recursive: true });
  ctx.wrote(changes.map((c) => c.path));
  return getCourse(ctx, req, res, url);
};
