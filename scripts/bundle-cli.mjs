/**
 * The command line as one script (issue 14: start-up budgets). `npm run build` and `prepare` run
 * it after tsc: it bundles lib/cli/main.js and the libraries `check` and `build` load (zod, yaml,
 * marked, commander, sax, eta) into lib/cli.bundle.cjs. Node then compiles one file instead of
 * resolving and compiling about 250 modules, and bin/coursepack.js can keep V8's compiled code
 * of it between runs (a code cache per command, the compile cache Node 22 has built in): together
 * about a sixth of a `check`. Modules a command imports lazily stay lazy (esbuild runs them on
 * first import).
 *
 * The bundle is a function body, not a module: bin/coursepack.js compiles it with node:vm and
 * passes what it needs besides CommonJS's five names: the module's URL (`import.meta.url` here is
 * that of the bundle) and `import()` for the packages left outside (node:vm cannot import from a
 * script read from a code cache). bin/coursepack.js runs it only when it is newer than
 * lib/cli/main.js, so a `tsc` alone (which rewrites lib/) falls back to the modules and never runs
 * stale code. The API (lib/api/index.js) is not bundled. Plain JavaScript, run by node: it must
 * work right after tsc. Without esbuild (a dev dependency) it says so and leaves lib/ as tsc made
 * it. The bundle is written to lib/ itself: src/paths.ts finds the installation as the folder
 * above the module's own folder, which holds for lib/cli.bundle.cjs as for lib/paths.js.
 */
import { createHash } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const LIB = join(ROOT, 'lib');

/**
 * Libraries bundled into the CLI: those `check` and `build` load. The others stay imports of
 * node_modules: esbuild and lightningcss run native code, jsdom reads its own files, and the rest
 * only serve commands an author runs rarely (import, report).
 */
const BUNDLED = new Set(['zod', 'yaml', 'marked', 'commander', 'sax', 'eta']);

// The previous bundle and the code caches made from it go first.
for (const name of readdirSync(LIB)) if (/^cli\.(?:bundle\.cjs|bundle\..+\.(?:cache|tmp)|(?:bundle|chunk-[\w-]+)\.js)$/.test(name)) rmSync(join(LIB, name));

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.warn('bundle-cli: esbuild is not installed; the command line runs from the modules of lib/ (slower start-up)');
  process.exit(0);
}

/** Packages coursepack's own modules import with `import()` and that stay outside the bundle. */
const dynamicExternals = new Set();

/** Bare imports from coursepack's own modules stay imports unless the package is in BUNDLED. */
const externals = {
  name: 'coursepack-externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
      if (args.path.startsWith('node:')) {
        // A built-in imported lazily (the studio's browser opener) is served by the launcher's import().
        if (args.kind !== 'dynamic-import') return undefined;
        dynamicExternals.add(args.path);
        return { path: args.path, external: true };
      }
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (BUNDLED.has(name)) return undefined;
      if (args.kind === 'dynamic-import') dynamicExternals.add(args.path);
      return { path: args.path, external: true };
    });
  },
};

/**
 * zod re-exports its 50 translations of its messages (`z.locales`, `z.core.locales`): half its
 * code, 7 ms of each start. coursepack never selects one (zod's English messages come with its
 * schemas), so in the bundle those two namespaces are empty.
 */
const noZodLocales = {
  name: 'coursepack-no-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](?:classic[\\/]external|core[\\/]index)\.js$/.test(args.importer) ? { path: 'zod-locales', namespace: 'coursepack-empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'coursepack-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

const result = await esbuild.build({
  entryPoints: [join(LIB, 'cli', 'main.js')],
  outfile: join(LIB, 'cli.bundle.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  define: { 'import.meta.url': '__coursepackModuleUrl' },
  plugins: [externals, noZodLocales],
  logLevel: 'warning',
  write: false,
});

// esbuild keeps `import("pkg")` for a package left outside: it becomes the launcher's import.
let code = result.outputFiles[0].text;
for (const specifier of dynamicExternals) {
  const call = `import(${JSON.stringify(specifier)})`;
  if (!code.includes(call)) throw new Error(`bundle-cli: expected ${call} in the bundle`);
  code = code.split(call).join(`__coursepackImport(${JSON.stringify(specifier)})`);
}
const left = /\bimport\(\s*["'`]/.exec(code);
if (left) throw new Error(`bundle-cli: an import() the launcher cannot serve is left in the bundle: ${code.slice(left.index, left.index + 60)}`);
// Its first line names it: the launcher keeps V8's code caches of this bundle under that name, so
// a cache of another bundle (an upgrade that kept the folder) can never be taken for this one's.
writeFileSync(join(LIB, 'cli.bundle.cjs'), `// coursepack CLI bundle ${createHash('sha256').update(code).digest('hex').slice(0, 16)}\n${code}`);
