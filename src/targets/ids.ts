import type { TargetId } from './types.js';

/**
 * The target ids in default order, without loading the targets: the command line names them in
 * its help, and `--version`/`--help` must not load manifests, Markdown or limits
 * (tests/unit/targets-registry.test.ts keeps this list equal to TARGETS).
 */
export const TARGET_IDS: readonly TargetId[] = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'];
