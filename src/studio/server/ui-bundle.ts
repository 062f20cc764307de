/**
 * The studio's browser app as `studio.js` and `studio.css`, and the HTML page that loads them. In
 * the repository, esbuild bundles src/studio/ui/ on request (rebuilt when a file there changes); an
 * installed coursepack reads the bundle `npm pack` made (lib/studio/, scripts/pack-assets.ts). No
 * bundle means no studio: the page answers 500 saying why, never a placeholder.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FROM_SOURCE, STUDIO_BUNDLE_DIR, STUDIO_UI_DIR } from '../../paths.js';

export interface UiBundle {
  js: string;
  css: string;
}

/** The entry of the app in src/studio/ui/, the first that exists. */
export const UI_ENTRIES = ['main.tsx', 'main.ts', 'index.tsx', 'index.ts'];
/** A style sheet beside the entry, used when the entry imports no CSS. */
export const UI_STYLESHEET = 'studio.css';

/** Thrown when there is no app to serve; the message says what to do. */
export class MissingUi extends Error {}

const cache = new Map<string, { stamp: string; bundle: Promise<UiBundle> }>();

/** The app's bundle; `dir` is the app's source folder (tests give another one). */
export function uiBundle(dir: string = STUDIO_UI_DIR): Promise<UiBundle> {
  const fromSource = FROM_SOURCE || dir !== STUDIO_UI_DIR;
  const stamp = fromSource ? sourceStamp(dir) : 'prebuilt';
  let entry = cache.get(dir);
  if (!entry || entry.stamp !== stamp) {
    entry = { stamp, bundle: fromSource ? bundleUi(dir) : prebuilt() };
    cache.set(dir, entry);
    entry.bundle.catch(() => cache.delete(dir));
  }
  return entry.bundle;
}

/** Newest modification time and file count under `dir`: a change there makes a new bundle. */
function sourceStamp(dir: string): string {
  if (!existsSync(dir)) return 'none';
  let newest = 0;
  let count = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        count++;
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  walk(dir);
  return `${count}:${newest}`;
}

async function prebuilt(): Promise<UiBundle> {
  try {
    const [js, css] = await Promise.all([readFile(join(STUDIO_BUNDLE_DIR, 'studio.js'), 'utf8'), readFile(join(STUDIO_BUNDLE_DIR, 'studio.css'), 'utf8')]);
    return { js, css };
  } catch (error) {
    throw new MissingUi(`this coursepack has no studio app (${(error as Error).message}): install coursepack from a tarball made by npm pack, which bundles it into lib/studio/`);
  }
}

/** esbuild on src/studio/ui/ (deterministic: same sources and esbuild version, same bytes). Also used by scripts/pack-assets.ts. */
export async function bundleUi(dir: string = STUDIO_UI_DIR): Promise<UiBundle> {
  const entry = UI_ENTRIES.map((name) => join(dir, name)).find((path) => existsSync(path));
  if (!entry) throw new MissingUi(`the studio app is missing: no ${UI_ENTRIES.join(', ')} in ${dir}`);
  const { build } = await import('esbuild');
  let result;
  try {
    result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.json': 'json' },
      outdir: 'out',
      entryNames: 'studio',
      write: false,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
    });
  } catch (error) {
    throw new MissingUi(`the studio app in ${dir} does not bundle: ${(error as Error).message}`);
  }
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  let css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text;
  if (css === undefined) {
    const sheet = join(dir, UI_STYLESHEET);
    css = existsSync(sheet) ? (await build({ entryPoints: [sheet], bundle: true, minify: true, write: false, logLevel: 'silent' })).outputFiles[0]!.text : '';
  }
  return { js, css };
}

/**
 * The page's CSP: scripts and styles from the studio only (no inline script), frames from the
 * studio (the preview), requests to the studio only; nothing else is loaded or contacted.
 */
export const STUDIO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The HTML page of the app: it mounts on #studio and reads the token from its address. */
export const STUDIO_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>coursepack studio</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/studio.css">
<script src="/studio.js" defer></script>
</head>
<body>
<div id="studio"></div>
<noscript>coursepack studio needs JavaScript.</noscript>
</body>
</html>
`;
