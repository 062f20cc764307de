/**
 * The studio's browser app as `studio.js` + `studio.css`: bundled by esbuild from src/studio/ui/app
 * in the repository, read from lib/studio/ (made at `npm pack` by scripts/pack-assets.ts with this
 * same function) in an installed package. The server serves these two files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FROM_SOURCE, ROOT } from '../../paths.js';

export type StudioAsset = 'studio.js' | 'studio.css';

/** Where `npm pack` puts the prebuilt bundles. */
export const STUDIO_BUNDLE_DIR = join(ROOT, 'lib', 'studio');
const APP_DIR = join(ROOT, 'src', 'studio', 'ui', 'app');

const cache = new Map<StudioAsset, Promise<string>>();

/** The text of `studio.js` or `studio.css` (cached for the life of the process). */
export function studioAsset(name: StudioAsset): Promise<string> {
  let text = cache.get(name);
  if (!text) {
    text = FROM_SOURCE ? bundleStudio(name) : readFile(join(STUDIO_BUNDLE_DIR, name), 'utf8').catch((error: Error) => {
      throw new Error(`this coursepack has neither its sources nor the studio bundle ${join(STUDIO_BUNDLE_DIR, name)} (${error.message}): install it from a tarball made by npm pack`);
    });
    cache.set(name, text);
  }
  return text;
}

/** Runs esbuild on the app's entry (main.tsx) or its stylesheet; deterministic for the same sources. */
export async function bundleStudio(name: StudioAsset): Promise<string> {
  // esbuild and preact are dev dependencies: only the repository bundles from source.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(APP_DIR, name === 'studio.js' ? 'main.tsx' : 'studio.css')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
