/** Bundles tests/support/strict-scorm12.ts for the browser host page (one IIFE, cached). */
import { resolve } from 'node:path';
import { build } from 'esbuild';

let bundle: Promise<string> | undefined;

export function strictScorm12Bundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [resolve(import.meta.dirname, 'strict-entry.ts')],
    bundle: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bundle;
}
