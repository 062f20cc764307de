/** `coursepack new`: starts a course folder that checks and builds for every target at once. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { Command } from 'commander';
import { ROOT, SCHEMA_DIR } from '../paths.js';
import { EXIT, type Io } from './run.js';

const HELP = `
Examples:
  coursepack new courses/safe-lifting
  coursepack new courses/safe-lifting --lang en,fr --title "Safe lifting at work"
  coursepack new acme-courses/courses/safe-lifting --repo

The folder name is the course id (lowercase letters, digits and hyphens): it names the packages
and the LMS records, so choose it for good. Then: coursepack preview <folder>, and docs/authoring.md.
With --repo, the folder that holds courses/ also gets a package.json pinning this coursepack, a
.gitignore, and CI for GitHub Actions and GitLab CI that check and build every course on each push
(files already there are kept). Then: npm install, and commit package-lock.json with the rest.
Exit codes: 0 created, 2 usage error (nothing written).`;

/** Registers `new`; `setExit` receives the exit code. */
export function registerNewCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('new')
    .description('Create a course folder with a module, a knowledge check and an assessment, ready to build.')
    .argument('<folder>', 'the course folder to create, e.g. courses/safe-lifting')
    .option('-l, --lang <list>', 'languages, comma-separated, the source language first', 'en')
    .option('--title <text>', 'the course title (default: a placeholder)')
    .option('--repo', 'also make the folder that holds courses/ a course repository (package.json, .gitignore, CI)')
    .addHelpText('after', HELP)
    .action(async (folder: string, opts: { lang: string; title?: string; repo?: boolean }) => {
      // Loaded when the command runs: the format (zod, yaml) is not needed to start the CLI.
      const [{ ID_PATTERN, LANG_PATTERN }, { scaffoldCourse }, { packageNameFor, scaffoldRepository }] = await Promise.all([
        import('../course/schema.js'),
        import('../course/scaffold.js'),
        import('../course/scaffold-repository.js'),
      ]);
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
      const repo = opts.repo ? dirname(dirname(dir)) : undefined;
      if (repo && basename(dirname(dir)) !== 'courses') {
        return usage(`--repo: put the course in a courses/ folder, e.g. ${display(io, join(dirname(dir), 'courses', id))}: the repository is the folder that holds courses/, where check, build and the CI find every course`);
      }

      const schemas = repo ? join(repo, 'node_modules', 'coursepack', 'schema') : projectSchemas(dir) ?? SCHEMA_DIR;
      const schemaDir = relative(dir, schemas).split(sep).join('/');
      const files = scaffoldCourse({ id, languages, uuid: randomUUID(), schemaDir, ...(opts.title ? { title: opts.title } : {}) });
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      mkdirSync(join(dir, 'assets'), { recursive: true });
      const starters = languages.filter((l) => !/^(en|fr)\b/.test(l));
      io.stdout(`created ${display(io, dir)}: ${Object.keys(files).join(', ')}, assets/\n`);
      if (starters.length) io.stdout(`the starter texts for ${starters.join(', ')} are in English: replace them\n`);
      if (repo) writeRepository(io, repo, packageNameFor, scaffoldRepository);
      io.stdout(`next: coursepack preview ${display(io, dir)}   (docs/authoring.md explains the format)\n`);
      setExit(EXIT.ok);
    });
}

/**
 * The schemas of the coursepack installed in a project around the course (the nearest
 * `node_modules/coursepack`), rather than those of the coursepack running, which may be a
 * temporary copy (`npx` from its cache) or a global install. A --repo course always points into
 * its repository's node_modules, where `npm install` will put them.
 */
function projectSchemas(dir: string): string | undefined {
  for (let folder = dirname(dir); ; folder = dirname(folder)) {
    const schemas = join(folder, 'node_modules', 'coursepack', 'schema');
    if (existsSync(join(schemas, 'course.schema.json'))) return schemas;
    if (dirname(folder) === folder) return undefined;
  }
}

/** Writes the repository files that do not exist yet; an existing file is the author's and is kept. */
function writeRepository(
  io: Io,
  repo: string,
  packageNameFor: (name: string) => string,
  scaffoldRepository: typeof import('../course/scaffold-repository.js').scaffoldRepository,
): void {
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const files = scaffoldRepository({ name: packageNameFor(basename(repo)), coursepackVersion: version });
  const kept = Object.keys(files).filter((path) => existsSync(join(repo, path)));
  const written = Object.keys(files).filter((path) => !kept.includes(path));
  for (const path of written) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), files[path]!);
  }
  const where = display(io, repo);
  if (written.length) io.stdout(`repository ${where}: wrote ${written.join(', ')}\n`);
  if (kept.length) io.stdout(`repository ${where}: kept ${kept.join(', ')} (already there)\n`);
  if (kept.includes('package.json')) {
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
    if (!('coursepack' in { ...pkg.dependencies, ...pkg.devDependencies })) io.stdout(`add coursepack to ${where}/package.json: npm install --save-dev coursepack@${version}\n`);
  } else {
    io.stdout(`then, in ${where}: npm install, and commit package-lock.json with the rest\n`);
  }
}

const display = (io: Io, path: string): string => relative(io.cwd, path).split(sep).join('/') || '.';
