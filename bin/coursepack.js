#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli (compiled to lib/ by `npm run build`, run on `npm ci`).
import { statSync } from 'node:fs';

const args = process.argv.slice(2);

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

// lib/cli.bundle.js (scripts/bundle-cli.mjs, run by `npm run build` after tsc) is the same code in a
// few files: start-up loads far less. Used only when newer than lib/cli/main.js: after a tsc alone
// it would be stale, and the modules run instead.
const bundle = new URL('../lib/cli.bundle.js', import.meta.url);
const modules = new URL('../lib/cli/main.js', import.meta.url);
const fresh = (statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= (statSync(modules, { throwIfNoEntry: false })?.mtimeMs ?? Infinity);
const { main } = await import(fresh ? bundle.href : modules.href);
process.exitCode = await main(args);
