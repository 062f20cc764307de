/** The `audio` block's script (issue 15): see media.ts. Bundled alone as blocks/audio.js. */
import { defineBlock } from './contract.js';
import { mountMedia } from './media.js';

defineBlock({ kind: 'audio', mount: (root, context) => mountMedia('audio', root, context) });
