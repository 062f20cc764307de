/**
 * The routes that read and change course files: `GET /api/course`, `GET /api/file`,
 * `POST /api/edit`, `POST /api/undo`, `POST /api/redo`, `POST /api/files`, `DELETE /api/files`.
 * Every change goes through CourseFiles.commit: checked against the version the client saw,
 * written atomically, recorded for undo.
 */
import { relative, dirname, sep } from 'node:path';
import { ID_PATTERN } from '../../course/schema.js';
import { SCHEMA_DIR } from '../../paths.js';
import { listedFiles, stateOf, versionOf, type Change } from './course-files.js';
import type { Route, StudioContext } from './context.js';
import { courseTree } from './course-tree.js';
import { ApiError, readJson } from './http.js';
import { applyOps, OpError, type Op } from './yaml-ops.js';

const COURSE = 'course.yaml';

function courseData(ctx: StudioContext): Record<string, unknown> {
  if (!ctx.files.exists(COURSE)) throw new ApiError(404, 'no-course', `there is no ${COURSE} in ${ctx.root}: create a course (POST /api/new)`);
  const state = ctx.files.state(COURSE);
  if (!state.data || typeof state.data !== 'object') throw new ApiError(422, 'course-unreadable', `${COURSE} is not valid YAML: fix it in a text editor (coursepack check shows where)`);
  return state.data as Record<string, unknown>;
}

export const getCourse: Route = async (ctx) => {
  const data = courseData(ctx);
  const files = new Map<string, { kind: string; data: unknown }>();
  const list: Array<{ path: string; kind: string; version: string | null }> = [];
  for (const { path, kind } of listedFiles(data)) {
    let version: string | null = null;
    try {
      const state = ctx.files.state(path);
      version = state.version;
      files.set(path, { kind, data: state.data });
    } catch {
      // listed but missing or outside the folder: shown without a version; check reports it
    }
    list.push({ path, kind, version });
  }
  const languages = Array.isArray(data.languages) ? data.languages.filter((l): l is string => typeof l === 'string') : [];
  return { dir: ctx.root, course: courseTree(data, files), files: list, languages, sourceLanguage: languages[0] ?? null };
};

function kindOf(ctx: StudioContext, path: string): string | null {
  if (!ctx.files.exists(COURSE)) return null;
  const data = ctx.files.state(COURSE).data;
  return listedFiles(data).find((f) => f.path === path)?.kind ?? null;
}

export const getFile: Route = async (ctx, _req, _res, url) => {
  const path = url.searchParams.get('path') ?? '';
  ctx.files.full(path);
  return { ...ctx.files.state(path), kind: kindOf(ctx, path) };
};

/** The ids used in every file of the course, which a duplicate must not reuse. */
function courseIds(ctx: StudioContext): Set<string> {
  const ids = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, inner] of Object.entries(v)) (k === 'id' && typeof inner === 'string' ? ids.add(inner) : walk(inner));
  };
  try {
    for (const { path } of listedFiles(courseData(ctx))) if (ctx.files.exists(path)) walk(ctx.files.state(path).data);
  } catch {
    // no course yet: only the file's own ids count
  }
  return ids;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Applies `ops` to the YAML file `path`, which must still be at `baseVersion`. */
export function editFile(ctx: StudioContext, path: string, baseVersion: string, ops: Op[]): { before: Buffer; after: Buffer } {
  if (!/\.ya?ml$/i.test(path)) throw new ApiError(400, 'not-yaml', `${path}: only the course's YAML files are edited this way`);
  const before = ctx.files.bytes(path);
  if (!before) throw new ApiError(404, 'not-found', `${path} does not exist in the course folder`);
  ctx.files.ensureAt(path, baseVersion);
  const state = stateOf(path, before);
  let text: string;
  try {
    // Only a duplicate needs the ids of the other files (parsing them all is not free at every keystroke).
    const takenIds = ops.some((op) => op?.op === 'duplicate') ? courseIds(ctx) : undefined;
    text = applyOps(state.text, ops, takenIds ? { takenIds } : {}).text;
  } catch (error) {
    if (error instanceof OpError) throw new ApiError(400, 'bad-op', error.message);
    throw error;
  }
  const hadBom = before.subarray(0, 3).equals(BOM);
  return { before, after: Buffer.concat([hadBom ? BOM : Buffer.alloc(0), Buffer.from(text, 'utf8')]) };
}

export const postEdit: Route = async (ctx, req) => {
  const body = await readJson<{ path?: unknown; baseVersion?: unknown; ops?: unknown }>(req);
  if (typeof body.path !== 'string' || typeof body.baseVersion !== 'string' || !Array.isArray(body.ops)) {
    throw new ApiError(400, 'bad-request', 'the body must be { path, baseVersion, ops: [...] }');
  }
  ctx.files.full(body.path);
  const { before, after } = editFile(ctx, body.path, body.baseVersion, body.ops as Op[]);
  if (!after.equals(before)) {
    ctx.files.commit([{ path: body.path, before, after }], new Map([[body.path, body.baseVersion]]));
    ctx.wrote([body.path]);
  }
  const { version, text, data } = stateOf(body.path, after);
  return { path: body.path, version, text, data };
};

function answerChanges(ctx: StudioContext, changes: Change[]) {
  ctx.wrote(changes.map((c) => c.path));
  const first = changes.find((c) => c.after) ?? changes[0]!;
  const state = first.after ? stateOf(first.path, first.after) : { version: null, text: null, data: null };
  return { path: first.path, version: state.version, text: state.text, data: state.data, changed: changes.map((c) => c.path) };
}

export const postUndo: Route = async (ctx) => answerChanges(ctx, ctx.files.undo());
export const postRedo: Route = async (ctx) => answerChanges(ctx, ctx.files.redo());

/** Starter texts of a new module or assessment, in the course's source language (en or fr; others start from English). */
const STARTER = {
  body: { en: 'Write this page.', fr: 'Rédigez cette page.' },
  prompt: { en: 'Replace this statement with a true one.', fr: 'Remplacez cette affirmation par une affirmation vraie.' },
};
const starter = (texts: { en: string; fr: string }, lang: string) => (lang.startsWith('fr') ? texts.fr : texts.en);

export const postFiles: Route = async (ctx, req) => {
  const body = await readJson<{ kind?: unknown; file?: unknown; id?: unknown; title?: unknown }>(req);
  const { kind, file, id, title } = body;
  if (kind !== 'module' && kind !== 'assessment') throw new ApiError(400, 'bad-request', 'kind must be "module" or "assessment"');
  if (typeof file !== 'string' || !/\.ya?ml$/i.test(file)) throw new ApiError(400, 'bad-request', 'file must be a course-relative .yaml path, e.g. modules/08-next.yaml');
  if (typeof id !== 'string' || !ID_PATTERN.test(id)) throw new ApiError(400, 'bad-id', 'id must be lowercase letters, digits and single hyphens, e.g. next-steps');
  if (typeof title !== 'string' || !title.trim()) throw new ApiError(400, 'bad-request', 'title must be a non-empty text');
  const full = ctx.files.full(file);
  if (ctx.files.exists(file)) throw new ApiError(409, 'exists', `${file} already exists: choose another file name`, { params: { file } });
  const course = ctx.files.state(COURSE);
  const data = courseData(ctx);
  const languages = Array.isArray(data.languages) ? (data.languages as string[]) : ['en'];
  const lang = languages[0] ?? 'en';
  const text = (value: string) => (languages.length > 1 ? { [lang]: value } : value);
  const schema = relative(dirname(full), SCHEMA_DIR).split(sep).join('/');
  const { Document } = await import('yaml');
  const content =
    kind === 'module'
      ? { id, title: text(title), pages: [{ id: `${id}-start`, title: text(title), blocks: [{ type: 'text', body: text(starter(STARTER.body, lang)) }] }] }
      : { id, title: text(title), passingScore: 80, questions: [{ id: `${id}-q1`, type: 'true-false', prompt: text(starter(STARTER.prompt, lang)), answer: true }] };
  const fileText = `# yaml-language-server: $schema=${schema}/${kind}.schema.json\n${new Document(content).toString({ lineWidth: 100 })}`;
  const listOps: Op[] =
    kind === 'module'
      ? [{ op: 'insert', path: ['modules'], index: Array.isArray(data.modules) ? data.modules.length : 0, value: file }]
      : Array.isArray(data.assessments)
        ? [{ op: 'insert', path: ['assessments'], index: data.assessments.length, value: file }]
        : typeof data.assessment === 'string'
          ? [{ op: 'delete', path: ['assessment'] }, { op: 'set', path: ['assessments'], value: [data.assessment, file] }]
          : [{ op: 'set', path: ['assessment'], value: file }];
  const { before, after } = editFile(ctx, COURSE, course.version, listOps);
  ctx.files.commit(
    [
      { path: file, before: null, after: Buffer.from(fileText, 'utf8') },
      { path: COURSE, before, after },
    ],
    new Map([
      [file, null],
      [COURSE, course.version],
    ]),
  );
  ctx.wrote([file, COURSE]);
  return { path: file, version: versionOf(Buffer.from(fileText, 'utf8')), course: stateOf(COURSE, after) };
};

export const deleteFiles: Route = async (ctx, _req, _res, url) => {
  const path = url.searchParams.get('path') ?? '';
  ctx.files.full(path);
  const data = courseData(ctx);
  const course = ctx.files.state(COURSE);
  const modules = Array.isArray(data.modules) ? data.modules : [];
  const assessments = Array.isArray(data.assessments) ? data.assessments : [];
  const ops: Op[] =
    modules.indexOf(path) >= 0
      ? [{ op: 'delete', path: ['modules', modules.indexOf(path)] }]
      : data.assessment === path
        ? [{ op: 'delete', path: ['assessment'] }]
        : assessments.indexOf(path) >= 0
          ? [{ op: 'delete', path: ['assessments', assessments.indexOf(path)] }]
          : [];
  if (!ops.length) throw new ApiError(404, 'not-listed', `${path} is not a module or assessment listed in ${COURSE}`);
  const { before, after } = editFile(ctx, COURSE, course.version, ops);
  const fileBytes = ctx.files.bytes(path);
  const changes: Change[] = [{ path: COURSE, before, after }];
  const expect = new Map<string, string | null>([[COURSE, course.version]]);
  if (fileBytes) {
    changes.push({ path, before: fileBytes, after: null });
    expect.set(path, versionOf(fileBytes));
  }
  ctx.files.commit(changes, expect);
  ctx.wrote(changes.map((c) => c.path));
  return { ...stateOf(COURSE, after), path: COURSE, deleted: path };
};
