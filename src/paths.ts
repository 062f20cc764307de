import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The coursepack installation folder (this file is src/paths.ts or lib/paths.js). */
export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const TEMPLATES_DIR = join(ROOT, 'templates');
export const PLAYER_DIR = join(ROOT, 'src', 'player');
