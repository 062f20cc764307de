/**
 * The studio's guards: the per-session token, the Host header (DNS rebinding), the Origin of
 * writes, and paths that must stay inside the course folder. Each refusal is an ApiError.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, isAbsolute, relative, resolve, sep, win32 } from 'node:path';
import { ApiError } from './http.js';

export const newToken = (): string => randomBytes(24).toString('base64url');

/** Constant-time comparison, so the token cannot be guessed a character at a time. */
export function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host header names this server (127.0.0.1 or localhost, with its port); any other name is a rebinding attempt. */
export function checkHost(req: IncomingMessage, port: number): void {
  const host = req.headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) throw new ApiError(403, 'bad-host', `the studio answers only to 127.0.0.1:${port} or localhost:${port}, not "${host ?? ''}"`);
}

/** A write from a page of another origin (a site the designer has open) is refused; no Origin (curl, tests) is allowed. */
export function checkOrigin(req: IncomingMessage, port: number): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  if (origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) throw new ApiError(403, 'bad-origin', `a write from ${origin} is refused: only the studio's own page may change the course`);
}

/**
 * The absolute path of `rel` (course-relative, forward slashes) inside `root`, or a 400: no NUL,
 * no absolute path, no `..`, and no symbolic link (of the file or a folder on the way) leading out.
 */
export function resolveInside(root: string, rel: unknown): string {
  const bad = (why: string) => new ApiError(400, 'bad-path', `${JSON.stringify(rel)}: ${why}`);
  if (typeof rel !== 'string' || rel === '') throw bad('a course-relative path is needed');
  if (rel.includes('\0')) throw bad('a path cannot hold a NUL character');
  if (isAbsolute(rel) || win32.isAbsolute(rel) || rel.startsWith('/') || rel.startsWith('\\')) throw bad('absolute paths are refused: give a path inside the course folder');
  const segments = rel.split(/[\\/]/);
  if (segments.includes('..')) throw bad('".." is refused: give a path inside the course folder');
  const full = resolve(root, ...segments);
  const inside = relative(root, full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) throw bad('the path is outside the course folder');
  // The deepest part that exists, links resolved, must still be inside the (real) course folder.
  const realRoot = realpathSync(root);
  let existing = full;
  while (!existsSync(existing) && !isLink(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let real: string;
  try {
    real = realpathSync(existing);
  } catch {
    throw bad('the path goes through a broken link');
  }
  const realInside = relative(realRoot, real);
  if (realInside.startsWith('..') || isAbsolute(realInside)) throw bad('the path leads out of the course folder through a link');
  return full;
}

const isLink = (path: string): boolean => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

/** `full` as a course-relative path with forward slashes. */
export const courseRelative = (root: string, full: string): string => relative(root, full).split(sep).join('/');
