/**
 * The player for a target as one minified IIFE: bundled by esbuild from src/player/ in the
 * repository, read from the bundles `npm pack` made with this same function in an installed package.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FROM_SOURCE, PLAYER_BUNDLES_DIR, PLAYER_DIR } from '../paths.js';

const cache = new Map<string, Promise<string>>();

export function playerBundle(entry: string): Promise<string> {
  return cached(`entries/${entry}`);
}

/** The script of a block kind with behaviour (`src/player/blocks/<kind>.ts`, see contract.ts there) as `blocks/<kind>.js`. */
export function blockBundle(kind: string): Promise<string> {
  return cached(`blocks/${kind}`);
}

/** `source`: a file of src/player without `.ts` (`entries/scorm12`, `blocks/tabs`). */
function cached(source: string): Promise<string> {
  let bundle = cache.get(source);
  if (!bundle) {
    bundle = FROM_SOURCE ? bundleFromSource(source) : prebuilt(source);
    cache.set(source, bundle);
  }
  return bundle;
}

/** Where `npm pack` puts the bundle of `source`: `lib/player-bundles/<entry>.js`, `lib/player-bundles/blocks/<kind>.js`. */
export function prebuiltPath(source: string): string {
  return join(PLAYER_BUNDLES_DIR, `${source.replace(/^entries\//, '')}.js`);
}

function prebuilt(source: string): Promise<string> {
  return readFile(prebuiltPath(source), 'utf8').catch((error: Error) => {
    throw new Error(`this coursepack has neither its sources nor the player bundle ${prebuiltPath(source)} (${error.message}): install it from a tarball made by npm pack, which bundles the players`);
  });
}

/** Runs esbuild on `src/player/<source>.ts` (deterministic: same sources and esbuild version, same bytes). */
export async function bundleFromSource(source: string): Promise<string> {
  // esbuild is a dev dependency: only the repository bundles from source.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(PLAYER_DIR, `${source}.ts`)],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
