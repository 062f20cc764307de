/**
 * Runs a package's block scripts (`blocks/<kind>.js`, src/player/blocks/contract.ts) in a happy-dom
 * window, as the browser does before player.js: the DOM journeys then play the blocks' bundled code.
 */
import type { Window } from 'happy-dom';
import type { BuiltPackage } from '../../src/package/build.js';
import { fileText } from './build.js';

export function runBlockScripts(window: Window, pkg: BuiltPackage): void {
  for (const file of pkg.files.filter((f) => /^blocks\/[a-z0-9-]+\.js$/.test(f.path)).sort((a, b) => a.path.localeCompare(b.path))) {
    (window as unknown as { eval(code: string): unknown }).eval(fileText(pkg, file.path));
  }
}
