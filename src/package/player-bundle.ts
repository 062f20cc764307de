/**
 * The player for a target as one minified IIFE: bundled by esbuild from src/player/ in the
 * repository, read from the bundles `npm pack` made with this same function in an installed package.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FROM_SOURCE, PLAYER_BUNDLES_DIR, PLAYER_DIR } from '../paths.js';

const cache = new Map<string, Promise<string>>();

export function playerBundle(entry: string): Promise<string> {
  let bundle = cache.get(entry);
  if (!bundle) {
    bundle = FROM_SOURCE ? bundleFromSource(entry) : prebuilt(entry);
    cache.set(entry, bundle);
  }
  return bundle;
}

function prebuilt(entry: string): Promise<string> {
  return readFile(join(PLAYER_BUNDLES_DIR, `${entry}.js`), 'utf8').catch((error: Error) => {
    throw new Error(`this coursepack has neither its sources nor the player bundle lib/player-bundles/${entry}.js (${error.message}): install it from a tarball made by npm pack, which bundles the players`);
  });
}

/** Runs esbuild on `src/player/entries/<entry>.ts` (deterministic: same sources and esbuild version, same bytes). */
export async function bundleFromSource(entry: string): Promise<string> {
  // esbuild is a dev dependency: only the repository bundles from source.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(PLAYER_DIR, 'entries', `${entry}.ts`)],
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
