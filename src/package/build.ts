/** The build: load and check every course, render each target × language in memory, then write. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { COURSE_FILE, loadCourse } from '../course/load-course.js';
import type { Course } from '../course/model.js';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { checkUiLanguages } from '../i18n/ui-tables.js';
import type { RenderedSite } from '../render/site.js';
import { DEFAULT_TARGETS, findTarget, type Target, type TargetId } from '../targets/index.js';
import { assetData, checkAssets } from './asset-safety.js';
import { externalRequests } from './external-requests.js';
import { checkLimits, checkStateKeys } from './limits.js';
import type { DeflateCache, PackageFile } from './zip.js';
import { checkSaveSize, SAVE_BUDGET } from './save-size.js';

export interface BuildOptions {
  /** Course folders. */
  courses: string[];
  targets?: string[];
  langs?: string[];
  /** Output folder (default dist). */
  out?: string;
  /** Treat warnings as errors. */
  strict?: boolean;
  /** false: build in memory only (tests, `check`). */
  write?: boolean;
  /** Stop after checking (no rendering). */
  checkOnly?: boolean;
  /** Build a language with missing texts (or no player interface table) from the source language, with a warning each. */
  allowMissing?: boolean;
  cwd?: string;
}

export interface BuiltPackage {
  course: string;
  target: TargetId;
  lang: string;
  /** Where the zip is (or would be) written. */
  path: string;
  bytes: number;
  sha256: string;
  zip: Buffer;
  files: PackageFile[];
}

export interface BuildResult {
  ok: boolean;
  packages: BuiltPackage[];
  diagnostics: Diagnostic[];
  /** Source texts by displayed path, for code frames. */
  sources: Map<string, string>;
  courses: Course[];
  /** The largest save each course can make Moodle send, per SCORM target (bytes; docs/moodle.md). */
  saves: Array<{ course: string; target: TargetId; bytes: number; budget: number }>;
}

export function packageName(course: Course, lang: string, target: TargetId): string {
  return `${course.id}-${course.version}-${lang}-${target}.zip`;
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const out = resolve(cwd, options.out ?? 'dist');
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const result = (ok: boolean, packages: BuiltPackage[] = [], courses: Course[] = []): BuildResult => ({ ok, packages, diagnostics, sources, courses, saves });
  const saves: BuildResult['saves'] = [];

  const targets: Target[] = [];
  for (const id of options.targets ?? DEFAULT_TARGETS) {
    const target = findTarget(id);
    if (target) targets.push(target);
    else diagnostics.push(diag('unknown-target', `unknown target "${id}"`));
  }

  const courses: Course[] = [];
  const targetsOf = new Map<Course, Target[]>();
  for (const dir of options.courses) {
    const display = relative(cwd, resolve(cwd, dir)).split(sep).join('/') || '.';
    const loaded = loadCourse(resolve(cwd, dir), { allowMissing: options.allowMissing });
    for (const d of loaded.diagnostics) diagnostics.push(d.file ? { ...d, file: posix.join(display, d.file) } : d);
    for (const [file, text] of loaded.files) sources.set(posix.join(display, file), text);
    if (!loaded.course) continue;
    const course = loaded.course;
    const local: Diagnostic[] = [];
    for (const lang of options.langs ?? []) {
      if (!course.languages.includes(lang)) local.push(diag('language-not-in-course', `"${lang}" is not a language of ${course.id} (${course.languages.join(', ')})`));
    }
    checkStateKeys(course, local);
    const uiLangs = options.langs ? course.languages.filter((l) => options.langs!.includes(l)) : course.languages;
    checkUiLanguages(course, uiLangs, loaded.files.get(COURSE_FILE), local, { allowMissing: options.allowMissing });
    const courseTargets = targets.filter((target) => {
      const reason = options.targets ? undefined : target.unconfigured?.(course);
      if (reason) local.push(diag('target-skipped', `${target.title} not built for ${course.id}: ${reason}`, { file: COURSE_FILE, line: 1, column: 1 }));
      return !reason;
    });
    targetsOf.set(course, courseTargets);
    for (const target of courseTargets) {
      checkLimits(course, target, local);
      const bytes = checkSaveSize(course, target, course.tracking.checks, local);
      if (bytes !== undefined) saves.push({ course: course.id, target: target.id, bytes, budget: SAVE_BUDGET });
      local.push(...(target.check?.(course) ?? []));
    }
    local.push(...(await checkAssets(course)), ...externalRequests(course, loaded.files));
    for (const d of local) diagnostics.push(d.file ? { ...d, file: posix.join(display, d.file) } : d);
    courses.push(course);
  }

  const failed = diagnostics.some((d) => d.severity === 'error' || (options.strict && d.severity === 'warning'));
  if (failed || options.checkOnly) return result(!failed, [], courses);

  const [{ renderSite, blockScript }, { playerBundle, blockBundle }, { zipFiles }, { serializeXml }] = await Promise.all([
    import('../render/site.js'),
    import('./player-bundle.js'),
    import('./zip.js'),
    import('../targets/xml.js'),
  ]);
  const packages: BuiltPackage[] = [];
  // Styles, scripts and assets recur in several packages: each content is compressed once.
  const deflated: DeflateCache = new Map();
  for (const course of courses) {
    const langs = options.langs ? course.languages.filter((l) => options.langs!.includes(l)) : course.languages;
    const courseTargets = targetsOf.get(course) ?? [];
    // Started at once: esbuild bundles in its own process while this one renders.
    const bundles = new Map(courseTargets.map((t) => [t.playerEntry, playerBundle(t.playerEntry)]));
    for (const bundle of bundles.values()) bundle.catch(() => undefined); // a failure surfaces where it is awaited
    const built: BuiltPackage[] = [];
    for (const lang of langs) {
      // Pages differ between targets only in their CSP: rendered once per language.
      const site = renderSite(course, lang);
      const assets = await Promise.all((course.assets[lang] ?? []).map(async (asset) => ({ path: asset, data: await assetData(course, asset) })));
      const blockFiles = await Promise.all(site.blockKinds.map(async (kind) => ({ path: blockScript(kind), data: await blockBundle(kind) })));
      checkReferences(course, lang, site, [...assets, ...blockFiles]);
      for (const target of courseTargets) {
        const files = packageFiles(site, target, assets, await bundles.get(target.playerEntry)!, blockFiles);
        const manifest = target.manifest(course, lang, files.map((f) => f.path).sort());
        if (manifest) files.push({ path: manifest.path, data: serializeXml(manifest.xml) });
        const zip = await zipFiles(files, deflated);
        built.push({
          course: course.id,
          target: target.id,
          lang,
          path: join(out, packageName(course, lang, target.id)),
          bytes: zip.length,
          sha256: createHash('sha256').update(zip).digest('hex'),
          zip,
          files,
        });
      }
    }
    // In the documented order: target by target, each in every language (a stable sort).
    const order = (p: BuiltPackage) => courseTargets.findIndex((t) => t.id === p.target);
    packages.push(...built.sort((a, b) => order(a) - order(b)));
  }
  if (options.write !== false) writePackages(out, packages);
  return result(true, packages, courses);
}

/** Every file of one package except the manifest, from the language's rendered site. */
function packageFiles(site: RenderedSite, target: Target, assets: PackageFile[], player: string, blockFiles: PackageFile[]): PackageFile[] {
  return [
    { path: 'index.html', data: site.html(target.csp) },
    { path: 'player.css', data: site.css },
    { path: 'theme.css', data: site.themeCss },
    { path: 'player.js', data: player },
    ...blockFiles,
    ...site.moduleFiles,
    ...assets,
  ];
}

/**
 * Every file the pages load or link to is in the package. Checked once per language: targets
 * change only the CSP of index.html. The rules check every file an author names, so a gap here is
 * a coursepack bug, never a zip to ship.
 */
function checkReferences(course: Course, lang: string, site: RenderedSite, assets: PackageFile[]): void {
  const paths = new Set(['index.html', 'player.css', 'theme.css', 'player.js', ...site.moduleFiles.map((f) => f.path), ...assets.map((f) => f.path)]);
  const missing = [site.html(''), ...site.moduleFiles.map((f) => f.data)].flatMap((text) => missingReferences(text, paths));
  if (missing.length) throw new Error(`the ${lang} packages of ${course.id} would miss files their pages use: ${[...new Set(missing)].join(', ')}`);
}

/** The package-relative files an HTML page loads or links to (src and href) that are not in `files`. */
export function missingReferences(html: string, files: Set<string>): string[] {
  const local = [...html.matchAll(/\b(?:src|href)=\\?"([^"#?:\\]+)\\?"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  return [...new Set(local.filter((path) => !files.has(path)))].sort();
}

/** Each zip goes to a temporary file in the output folder, then is renamed into place. */
function writePackages(out: string, packages: BuiltPackage[]): void {
  mkdirSync(out, { recursive: true });
  const temps: string[] = [];
  try {
    for (const pkg of packages) {
      const temp = join(out, `.coursepack-tmp-${randomBytes(6).toString('hex')}.zip`);
      temps.push(temp);
      writeFileSync(temp, pkg.zip);
    }
    packages.forEach((pkg, i) => renameSync(temps[i]!, pkg.path));
  } finally {
    for (const temp of temps) rmSync(temp, { force: true });
  }
}
