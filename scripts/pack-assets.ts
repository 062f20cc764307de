/**
 * `npm pack` runs prepack (this script), then prepare (tsc into lib/). This script empties lib/
 * and adds what an installed coursepack needs and cannot make without dev dependencies: the
 * player bundles (esbuild) and the preview's SCORM runtimes (scorm-again). src/paths.ts says
 * where they go and when they are used.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleFromSource, prebuiltPath } from '../src/package/player-bundle.js';
import { SCRIPTED_BLOCKS } from '../src/player/blocks/kinds.js';
import { PLAYER_BUNDLES_DIR, PLAYER_DIR, PREVIEW_RUNTIME_DIR, ROOT } from '../src/paths.js';
import { PREVIEW_TARGETS } from '../src/preview/host-page.js';

const require = createRequire(import.meta.url);

// tsc never deletes: a file removed from src/ would otherwise still ship from an old lib/.
rmSync(join(ROOT, 'lib'), { recursive: true, force: true });

mkdirSync(PLAYER_BUNDLES_DIR, { recursive: true });
const entries = readdirSync(join(PLAYER_DIR, 'entries')).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
for (const entry of entries) writeFileSync(prebuiltPath(`entries/${entry}`), await bundleFromSource(`entries/${entry}`));
mkdirSync(join(PLAYER_BUNDLES_DIR, 'blocks'), { recursive: true });
for (const kind of SCRIPTED_BLOCKS) writeFileSync(prebuiltPath(`blocks/${kind}`), await bundleFromSource(`blocks/${kind}`));

mkdirSync(PREVIEW_RUNTIME_DIR, { recursive: true });
for (const target of PREVIEW_TARGETS) copyFileSync(require.resolve(`scorm-again/${target}/min`), join(PREVIEW_RUNTIME_DIR, `${target}.min.js`));
// scorm-again exports no package.json; its runtimes are in <package>/dist/.
copyFileSync(join(dirname(dirname(require.resolve('scorm-again/scorm12/min'))), 'LICENSE'), join(PREVIEW_RUNTIME_DIR, 'LICENSE-scorm-again'));

process.stdout.write(`pack assets: lib/ emptied, ${entries.length} player bundles, ${SCRIPTED_BLOCKS.length} block scripts, ${PREVIEW_TARGETS.length} preview runtimes\n`);
