/**
 * The course folder as the studio sees it: files read with their version (the first 16 hex digits
 * of the SHA-256 of their bytes), written atomically (a temporary file in the same folder, then a
 * rename), and the version last seen of each, which the studio's own writes update at once, so the
 * watcher reports only an editor's or git's changes. Also the session's undo/redo history, as the
 * bytes before and after each step.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { FileKind } from '../../course/schema.js';
import { ApiError } from './http.js';
import { resolveInside } from './security.js';

export const versionOf = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

export interface FileState {
  path: string;
  version: string;
  text: string;
  data: unknown;
}

/** One file changed by one studio action: its bytes before and after (null: the file did not exist). */
export interface Change {
  path: string;
  before: Buffer | null;
  after: Buffer | null;
}

export class CourseFiles {
  /** The version of each file as the studio last wrote or saw it (null: absent). */
  readonly seen = new Map<string, string | null>();
  private readonly undoStack: Change[][] = [];
  private readonly redoStack: Change[][] = [];

  constructor(readonly root: string) {}

  full(rel: string): string {
    return resolveInside(this.root, rel);
  }

  exists(rel: string): boolean {
    const full = this.full(rel);
    return existsSync(full) && statSync(full).isFile();
  }

  bytes(rel: string): Buffer | null {
    const full = this.full(rel);
    return existsSync(full) && statSync(full).isFile() ? readFileSync(full) : null;
  }

  /** The file's text, version and parsed data (null data when it does not parse). */
  state(rel: string): FileState {
    const bytes = this.bytes(rel);
    if (!bytes) throw new ApiError(404, 'not-found', `${rel} does not exist in the course folder`);
    return stateOf(rel, bytes);
  }

  /** Writes (or with null, deletes) `rel` atomically and remembers the version as the studio's own. */
  write(rel: string, bytes: Buffer | null): void {
    const full = this.full(rel);
    if (bytes === null) {
      rmSync(full, { force: true });
      this.seen.set(rel, null);
      return;
    }
    mkdirSync(dirname(full), { recursive: true });
    // A link inside the course (checked by resolveInside) stays a link: its target is written.
    const target = existsSync(full) ? realpathSync(full) : full;
    const temp = join(dirname(target), `.coursepack-studio-${randomBytes(6).toString('hex')}.tmp`);
    try {
      writeFileSync(temp, bytes);
      this.seen.set(rel, versionOf(bytes));
      renameSync(temp, target);
    } finally {
      rmSync(temp, { force: true });
    }
  }

  /** The current version of `rel` (null: absent), read from disk. */
  version(rel: string): string | null {
    const bytes = this.bytes(rel);
    return bytes ? versionOf(bytes) : null;
  }

  /**
   * Applies `changes` when every file is still as the caller last saw it (`expect`: its version,
   * or null for a file that must not exist), records them for undo and forgets the redo steps.
   */
  commit(changes: Change[], expect: Map<string, string | null>): void {
    for (const [path, version] of expect) this.ensureAt(path, version);
    for (const change of changes) this.write(change.path, change.after);
    this.undoStack.push(changes);
    this.redoStack.length = 0;
  }

  /** Throws the 409 conflict when `rel` is no longer at `version` (null: absent). */
  ensureAt(rel: string, version: string | null): void {
    const bytes = this.bytes(rel);
    const current = bytes ? versionOf(bytes) : null;
    if (current === version) return;
    const detail = bytes ? { current: stateOf(rel, bytes) } : { current: null };
    throw new ApiError(409, 'conflict', `${rel} changed on disk since it was read (by an editor, git or another window): nothing was written. Reload it and apply your change again.`, { path: rel, ...detail });
  }

  undo(): Change[] {
    return this.step(this.undoStack, this.redoStack, 'undo');
  }

  redo(): Change[] {
    return this.step(this.redoStack, this.undoStack, 'redo');
  }

  /** Restores the bytes of the last step of `from` if every file is still as that step left it; else a 409. */
  private step(from: Change[][], to: Change[][], name: string): Change[] {
    const changes = from[from.length - 1];
    if (!changes) throw new ApiError(409, `nothing-to-${name}`, `there is nothing to ${name} in this session`);
    const forward = name === 'undo' ? changes : changes.map((c) => ({ path: c.path, before: c.after, after: c.before }));
    for (const c of forward) this.ensureAt(c.path, c.after ? versionOf(c.after) : null);
    for (const c of forward) this.write(c.path, c.before);
    from.pop();
    to.push(changes);
    return forward.map((c) => ({ path: c.path, before: c.after, after: c.before }));
  }
}

export function stateOf(path: string, bytes: Buffer): FileState {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let data: unknown = null;
  if (/\.ya?ml$/i.test(path)) {
    const doc = parseDocument(text, { uniqueKeys: true, strict: true });
    data = doc.errors.length ? null : (doc.toJS({ maxAliasCount: 100 }) as unknown);
  } else if (path.endsWith('.json')) {
    try {
      data = JSON.parse(text) as unknown;
    } catch {
      data = null;
    }
  }
  return { path, version: versionOf(bytes), text, data };
}

/** The course files listed in course.yaml (data as parsed), with their kinds, in order: the course file first. */
export function listedFiles(courseData: unknown): Array<{ path: string; kind: FileKind }> {
  const c = (courseData ?? {}) as { modules?: unknown; assessment?: unknown; assessments?: unknown };
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return [
    { path: 'course.yaml', kind: 'course' as FileKind },
    ...strings(c.modules).map((path) => ({ path, kind: 'module' as FileKind })),
    ...(typeof c.assessment === 'string' ? [{ path: c.assessment, kind: 'assessment' as FileKind }] : []),
    ...strings(c.assessments).map((path) => ({ path, kind: 'assessment' as FileKind })),
  ].map((f) => ({ ...f, path: f.path.replace(/^\.\//, '') }));
}
