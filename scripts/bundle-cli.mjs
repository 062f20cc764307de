/**
 * The command line as one bundle (issue 14: start-up budgets). `npm run build` and `prepare` run
 * it after tsc: it bundles lib/cli/main.js and the libraries every command loads (zod, yaml,
 * marked, commander, sax, eta, archiver) into lib/cli.bundle.js plus one chunk per group of
 * modules a command imports lazily (lib/cli.chunk-<hash>.js). Node then compiles a few files
 * instead of resolving and compiling about 250 modules: about 70 ms of a `check`.
 *
 * bin/coursepack.js runs the bundle only when it is newer than lib/cli/main.js, so a `tsc` alone
 * (which rewrites lib/) falls back to the modules and never runs stale code. The API
 * (lib/api/index.js) is not bundled. Plain JavaScript, run by node: it must work right after tsc,
 * before anything else. Without esbuild (a dev dependency) it says so and leaves lib/ as tsc made it.
 * The bundle is written to lib/ itself: src/paths.ts finds the installation as the folder above
 * the module's own folder, which holds for lib/cli.bundle.js as for lib/paths.js.
 */
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const LIB = join(ROOT, 'lib');

/**
 * Libraries bundled into the CLI: those `check` and `build` load. The others stay imports of
 * node_modules: esbuild and lightningcss run native code, jsdom reads its own files, and the rest
 * only serve commands an author runs rarely (import, report).
 */
const BUNDLED = new Set(['zod', 'yaml', 'marked', 'commander', 'sax', 'eta', 'archiver']);

// Hashed chunk names change with the code: the previous bundle's files go first.
for (const name of readdirSync(LIB)) if (/^cli\.(bundle|chunk-[\w-]+)\.js$/.test(name)) rmSync(join(LIB, name));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('bundle-cli: esbuild is not installed; the command line runs from the modules of lib/ (slower start-up)');
  process.exit(0);
}

/** Bare imports from coursepack's own modules stay imports unless the package is in BUNDLED. */
const externals = {
  name: 'coursepack-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || /[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

await esbuild.build({
  entryPoints: { 'cli.bundle': join(LIB, 'cli', 'main.js') },
  outdir: LIB,
  chunkNames: 'cli.chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The bundled CommonJS libraries (yaml, sax, archiver) require Node's modules.
  banner: { js: "import { createRequire as __coursepackRequire } from 'node:module'; const require = __coursepackRequire(import.meta.url);" },
  plugins: [externals],
  logLevel: 'warning',
});
