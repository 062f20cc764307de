/**
 * Server-sent events (`GET /api/events`) and the watch on the course folder that feeds them: a
 * file changed on disk by someone else (an editor, git) gives `event: changed` with its new version;
 * the studio's own writes are not reported (CourseFiles.seen already holds their version).
 */
import { watch, type FSWatcher } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { sep } from 'node:path';
import type { CourseFiles } from './course-files.js';

export class EventHub {
  private readonly clients = new Set<ServerResponse>();

  open(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  send(event: string, data: unknown): void {
    const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const client of this.clients) client.write(message);
  }

  close(): void {
    for (const client of this.clients) client.end();
    this.clients.clear();
  }
}

/** Folders whose changes are not the course's: version control, dependencies, build output. */
const IGNORED = /^(?:\.git|node_modules|dist)(?:\/|$)|(?:^|\/)\.coursepack-studio-[^/]*\.tmp$|(?:^|\/)\.coursepack-tmp-/;
/** The course's own files: YAML sources, translation records, assets (not an editor's swap or backup files). */
const COURSE_FILES = /^(?:[^/]+\/)*[^/.][^/]*\.ya?ml$|^i18n\/[^/]+\.json$|^assets\/(?:[^/]+\/)*[^/.][^/]*\.[A-Za-z0-9]+$/;

/**
 * Watches the course folder (recursive, debounced by `delay` ms). `onChanges` receives the paths
 * whose version differs from the one last seen, and whether anything changed at all.
 */
export function watchCourse(files: CourseFiles, onChanges: (external: Array<{ path: string; version: string | null }>) => void, delay = 120): { close(): void } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const flush = () => {
    const external: Array<{ path: string; version: string | null }> = [];
    for (const path of pending) {
      let version: string | null;
      try {
        version = files.version(path);
      } catch {
        continue; // a path the studio would refuse (a link out of the folder): not the course's
      }
      if (files.seen.has(path) ? files.seen.get(path) === version : version === null) continue;
      files.seen.set(path, version);
      external.push({ path, version });
    }
    pending.clear();
    if (external.length) onChanges(external);
  };
  try {
    watcher = watch(files.root, { recursive: true }, (_event, name) => {
      if (!name) return;
      const path = name.toString().split(sep).join('/');
      if (IGNORED.test(path) || !COURSE_FILES.test(path)) return;
      pending.add(path);
      clearTimeout(timer);
      timer = setTimeout(flush, delay);
    });
  } catch {
    watcher = undefined; // no watching on this system: edits still detect conflicts by version
  }
  return {
    close: () => {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
