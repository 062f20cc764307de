/** The `video` block's script (issue 15): see media.ts. Bundled alone as blocks/video.js. */
import { defineBlock } from './contract.js';
import { mountMedia } from './media.js';

defineBlock({ kind: 'video', mount: (root, context) => mountMedia('video', root, context) });
