/**
 * `npm pack` runs prepack (this script), then prepare (tsc into lib/). This script empties lib/
 * and adds what an installed coursepack needs and cannot make without dev dependencies: the
 * player bundles (esbuild) and the preview's SCORM runtimes (scorm-again). src/paths.ts says
 * where they go and when they are used.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { bundleFromSource, prebuiltPath } from '../src/package/player-bundle.js';
import { SCRIPTED_BLOCKS } from '../src/player/blocks/kinds.js';
import { PLAYER_BUNDLES_DIR, PLAYER_DIR, PREVIEW_RUNTIME_DIR, ROOT, STUDIO_BUNDLE_DIR, STUDIO_UI_DIR } from '../src/paths.js';
import { PREVIEW_TARGETS } from '../src/preview/host-page.js';
import { bundleUi } from '../src/studio/server/ui-bundle.js';

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

// The studio's app (src/studio/ui/), bundled once: an installed coursepack has no esbuild. An app that
// does not bundle stops the pack; a checkout without the app at all packs with a warning, and its
// studio answers 500 saying so (src/studio/server/ui-bundle.ts), never a placeholder.
let studio = 'the studio app';
try {
  const ui = await bundleUi();
  mkdirSync(STUDIO_BUNDLE_DIR, { recursive: true });
  writeFileSync(join(STUDIO_BUNDLE_DIR, 'studio.js'), ui.js);
  writeFileSync(join(STUDIO_BUNDLE_DIR, 'studio.css'), ui.css);
} catch (error) {
  if (existsSync(STUDIO_UI_DIR)) throw error;
  studio = 'NO studio app';
  process.stderr.write(`pack assets: WARNING: coursepack studio will not work from this package: ${(error as Error).message}\n`);
}

process.stdout.write(`pack assets: lib/ emptied, ${entries.length} player bundles, ${SCRIPTED_BLOCKS.length} block scripts, ${PREVIEW_TARGETS.length} preview runtimes, ${studio}\n`);
