import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The coursepack installation folder (this file is src/paths.ts or lib/paths.js). */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const TEMPLATES_DIR = join(ROOT, 'templates');
export const SCHEMA_DIR = join(ROOT, 'schema');
export const PLAYER_DIR = join(ROOT, 'src', 'player');
/**
 * True in the coursepack repository, false in an installed package. The package ships no
 * sources: `npm pack` bundles the players and copies the preview's SCORM runtimes into lib/
 * (scripts/pack-assets.ts), so an installed coursepack never needs esbuild or scorm-again. In the
 * repository the sources win, so a leftover lib/ from an earlier pack can never be stale.
 */
export const FROM_SOURCE = existsSync(PLAYER_DIR);
/** `<entry>.js`: the player bundles made at pack time. */
export const PLAYER_BUNDLES_DIR = join(ROOT, 'lib', 'player-bundles');
/** `<target>.min.js`: scorm-again's classic-script runtimes for the preview, copied at pack time. */
export const PREVIEW_RUNTIME_DIR = join(ROOT, 'lib', 'preview-runtime');
/** The studio's browser app (`coursepack studio`), bundled by esbuild into studio.js and studio.css. */
export const STUDIO_UI_DIR = join(ROOT, 'src', 'studio', 'ui');
/** `studio.js` and `studio.css`: the studio's app bundled at pack time (an installed coursepack has no src/). */
export const STUDIO_BUNDLE_DIR = join(ROOT, 'lib', 'studio');
