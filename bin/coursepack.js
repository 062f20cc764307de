#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli (compiled to lib/ by `npm run build`, run on `npm ci`).
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';

const args = process.argv.slice(2);
/** Commands with a code cache of their own (below); any other run shares one. */
const COMMANDS = new Set(['build', 'check', 'preview', 'schema', 'report', 'questions', 'new', 'i18n']);

// A command runs for about a second. With V8's default interrupt budget (67,584 in Node 20) the
// optimising compiler starts on the yaml, marked and zod code within milliseconds and, on
// background threads, spends more CPU compiling it than the optimised code then saves: about a
// third of a `check` or `build` of the counsellor training (docs/performance.md, "after perf").
// A budget 15x larger optimises only code that stays hot, as in the 1000-page build. It changes
// when code is optimised, never what it computes. Set here, not in the library: programs calling
// the Node API keep their own V8 settings. Help and version texts skip it: node:v8 loads Node's
// streams, 8 ms of the 0.15 s start-up budget, for a run with nothing to optimise.
const quick = args.length === 0 || args.some((a) => a === '--version' || a === '-V' || a === '--help' || a === '-h');
if (!quick) (await import('node:v8')).setFlagsFromString('--interrupt-budget=1000000');

// lib/cli.bundle.cjs (scripts/bundle-cli.mjs, run by `npm run build` after tsc) is the same code
// as lib/cli/main.js and what it imports, in one file: start-up loads far less. Used only when at
// least as new as lib/cli/main.js: after a tsc alone it would be stale, and the modules run instead.
const bundle = fileURLToPath(new URL('../lib/cli.bundle.cjs', import.meta.url));
const bundled = statSync(bundle, { throwIfNoEntry: false });
const modules = statSync(new URL('../lib/cli/main.js', import.meta.url), { throwIfNoEntry: false });
if (bundled && modules && bundled.mtimeMs >= modules.mtimeMs) {
  // V8's compiled code of the bundle is kept beside it, one cache per command (each compiles the
  // functions it runs; flags differ for help and version), written by the first run of the command
  // after a build, named after the bundle's fingerprint (its first line). V8 refuses a cache from
  // another Node version or other flags (then it is rewritten). A folder that cannot be written (a
  // global install) only means no cache.
  const source = readFileSync(bundle, 'utf8');
  const command = quick ? 'quick' : COMMANDS.has(args[0]) ? args[0] : 'other';
  const cache = bundle.replace(/\.cjs$/, `.${command}.${/^\/\/ coursepack CLI bundle (\w+)/.exec(source)?.[1] ?? 'unnamed'}.cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cache);
  } catch {
    // no cache yet
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __coursepackModuleUrl, __coursepackImport) {${source}\n})`, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle), pathToFileURL(bundle).href, (specifier) => import(specifier));
  process.exitCode = await module.exports.main(args);
  if (!cachedData || script.cachedDataRejected) {
    try {
      const temp = `${cache}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cache);
    } catch {
      // a read-only installation: run without a cache
    }
  }
} else {
  const { main } = await import('../lib/cli/main.js');
  process.exitCode = await main(args);
}
