/** What every studio route works with: the course folder, its files, the event hub and the session's settings. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CourseFiles } from './course-files.js';
import type { EventHub } from './events.js';

export interface StudioContext {
  /** The course folder (absolute). */
  root: string;
  /** Where the studio was started: `dist/` of a build is resolved from here, as the CLI does. */
  cwd: string;
  port: number;
  token: string;
  files: CourseFiles;
  events: EventHub;
  /** The interface strings' folder (templates/i18n/studio unless a test gives another). */
  stringsDir?: string;
  /** Called after the studio wrote `paths`: re-check, rebuild the preview. */
  wrote(paths: string[]): void;
}

/** A route answers with a JSON value (sent with 200), or sends the response itself and returns undefined. */
export type Route = (ctx: StudioContext, req: IncomingMessage, res: ServerResponse, url: URL) => Promise<unknown>;
