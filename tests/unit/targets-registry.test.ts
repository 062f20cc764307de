import { describe, expect, it } from 'vitest';
import { TARGET_IDS } from '../../src/targets/ids.js';
import { DEFAULT_TARGETS, TARGETS } from '../../src/targets/index.js';

describe('target ids the command line names without loading the targets', () => {
  it('are the registered targets, in registry order', () => {
    expect(TARGET_IDS).toEqual(TARGETS.map((t) => t.id));
  });
  it('include every default target', () => {
    for (const id of DEFAULT_TARGETS) expect(TARGET_IDS).toContain(id);
  });
});
