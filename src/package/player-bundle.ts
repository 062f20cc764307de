/** Bundles the player for a target with esbuild (one IIFE, minified, deterministic). */
import { join } from 'node:path';
import { build } from 'esbuild';
import { PLAYER_DIR } from '../paths.js';

const cache = new Map<string, Promise<string>>();

export function playerBundle(entry: string): Promise<string> {
  let bundle = cache.get(entry);
  if (!bundle) {
    bundle = build({
      entryPoints: [join(PLAYER_DIR, 'entries', `${entry}.ts`)],
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      write: false,
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0]!.text);
    cache.set(entry, bundle);
  }
  return bundle;
}
