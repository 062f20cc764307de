/** `coursepack new`: starts a course folder that checks and builds for every target at once. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { ROOT } from '../paths.js';
import { EXIT, type Io } from './run.js';

const HELP = `
Examples:
  coursepack new courses/safe-lifting
  coursepack new courses/safe-lifting --lang en,fr --title "Safe lifting at work"

The folder name is the course id (lowercase letters, digits and hyphens): it names the packages
and the LMS records, so choose it for good. Then: coursepack preview <folder>, and docs/authoring.md.
Exit codes: 0 created, 2 usage error (nothing written).`;

/** Registers `new`; `setExit` receives the exit code. */
export function registerNewCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('new')
    .description('Create a course folder with a module, a knowledge check and an assessment, ready to build.')
    .argument('<folder>', 'the course folder to create, e.g. courses/safe-lifting')
    .option('-l, --lang <list>', 'languages, comma-separated, the source language first', 'en')
    .option('--title <text>', 'the course title (default: a placeholder)')
    .addHelpText('after', HELP)
    .action(async (folder: string, opts: { lang: string; title?: string }) => {
      // Loaded when the command runs: the format (zod, yaml) is not needed to start the CLI.
      const [{ ID_PATTERN, LANG_PATTERN }, { scaffoldCourse }] = await Promise.all([import('../course/schema.js'), import('../course/scaffold.js')]);
      const usage = (message: string) => {
        io.stderr(`coursepack: ${message}\n`);
        setExit(EXIT.usage);
      };
      const dir = resolve(io.cwd, folder);
      const id = basename(dir);
      if (!ID_PATTERN.test(id) || id.length > 64) return usage(`"${id}" cannot be a course id: use lowercase letters, digits and single hyphens (e.g. safe-lifting), at most 64 characters`);
      const languages = opts.lang.split(',').map((l) => l.trim()).filter(Boolean);
      const bad = languages.filter((l) => !LANG_PATTERN.test(l));
      if (!languages.length || bad.length) return usage(`--lang: ${bad.map((l) => `"${l}"`).join(', ') || 'nothing'} is not a list of language codes such as en,fr or pt-BR`);
      if (new Set(languages).size !== languages.length) return usage('--lang: a language is listed twice');
      if (existsSync(dir) && readdirSync(dir).length > 0) return usage(`${display(io, dir)} already exists and is not empty: choose a new folder`);

      const schemaDir = relative(dir, join(ROOT, 'schema')).split(sep).join('/');
      const files = scaffoldCourse({ id, languages, uuid: randomUUID(), schemaDir, ...(opts.title ? { title: opts.title } : {}) });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      mkdirSync(join(dir, 'assets'), { recursive: true });
      const starters = languages.filter((l) => !/^(en|fr)\b/.test(l));
      io.stdout(`created ${display(io, dir)}: ${Object.keys(files).join(', ')}, assets/\n`);
      if (starters.length) io.stdout(`the starter texts for ${starters.join(', ')} are in English: replace them\n`);
      io.stdout(`next: coursepack preview ${display(io, dir)}   (docs/authoring.md explains the format)\n`);
      setExit(EXIT.ok);
    });
}

const display = (io: Io, path: string): string => relative(io.cwd, path).split(sep).join('/') || '.';
