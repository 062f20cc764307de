/** Every target coursepack builds, in default order. Add a target here and nowhere else. */
import { cmi5 } from './cmi5/index.js';
import { scorm12 } from './scorm12/index.js';
import { scorm2004 } from './scorm2004/index.js';
import type { Target, TargetId } from './types.js';
import { web } from './web/index.js';
import { xapi } from './xapi/index.js';

export const TARGETS: readonly Target[] = [scorm12, scorm2004, xapi, cmi5, web];
/** Built when no --target is given: every target the course is set up for. */
export const DEFAULT_TARGETS: readonly TargetId[] = ['scorm12', 'scorm2004', 'xapi', 'cmi5', 'web'];

export function findTarget(id: string): Target | undefined {
  return TARGETS.find((t) => t.id === id);
}

export type { Target, TargetId, TrackingLimits } from './types.js';
