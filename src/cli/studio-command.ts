/** `coursepack studio [course]`: the visual editor on 127.0.0.1 (src/studio/, docs/studio.md). */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { findCourses } from '../api/courses.js';
import { EXIT, type Io } from './run.js';

const HELP = `
Examples:
  coursepack studio courses/counsellor-training
  coursepack studio my-new-course          an empty (or new) folder: the studio creates the course
  coursepack studio --port 8080 --no-open

The studio edits the course's own YAML files: comments and layout are kept, and a file changed by
someone else meanwhile is never overwritten. It listens on 127.0.0.1 only; the address it prints
holds a per-session key, so keep it to yourself. Stop it with Ctrl+C.`;

/** Registers `studio`; `setExit` receives the exit code. */
export function registerStudioCommand(program: Command, io: Io, setExit: (code: number) => void, waitForSignal: () => Promise<void>): void {
  program
    .command('studio')
    .description('Edit a course in the browser: a visual editor over the same YAML files, on this computer only.')
    .argument('[course]', 'course folder (default: the only course under courses/, else this folder)')
    .option('-p, --port <n>', 'port on 127.0.0.1 (default: a free one)', (v) => Number.parseInt(v, 10), 0)
    .option('--no-open', 'do not open a browser')
    .addHelpText('after', HELP)
    .action(async (course: string | undefined, opts: { port: number; open: boolean }) => {
      const usage = (message: string) => {
        io.stderr(`coursepack: ${message}\n`);
        setExit(EXIT.usage);
      };
      if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) return usage('--port must be a number from 0 to 65535');
      let dir: string;
      if (course) dir = resolve(io.cwd, course);
      else if (existsSync(resolve(io.cwd, 'course.yaml'))) dir = io.cwd;
      else {
        const found = findCourses(io.cwd);
        if (found.length > 1) return usage(`several courses found (${found.join(', ')}): name the one to edit`);
        dir = resolve(io.cwd, found[0] ?? '.');
      }
      if (!existsSync(dir)) {
        mkdirSync(dir);
        io.stderr(`created the empty folder ${dir}: create the course in the studio\n`);
      }
      const { startStudio } = await import('../studio/server/index.js');
      const studio = await startStudio({ courseDir: dir, port: opts.port, cwd: io.cwd, log: (line) => io.stderr(`${line}\n`) });
      io.stdout(`studio: ${studio.url}\n`);
      if (opts.open) await openBrowser(studio.url);
      await waitForSignal();
      await studio.close();
      setExit(EXIT.ok);
    });
}

/** Best effort: the URL is printed anyway, and nothing fails if no browser opens. */
async function openBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [command, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no opener on this system
  }
}
