import type { Course } from '../course/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { XmlElement } from './xml.js';

/** Identifiers of the targets coursepack builds; each has one module in src/targets/<id>/. */
export type TargetId = 'scorm12' | 'scorm2004' | 'xapi' | 'cmi5' | 'web';

/** What the LMS lets a package store; the build checks each course against these. */
export interface TrackingLimits {
  /** Maximum characters of the learner state (e.g. SCORM 1.2 `cmi.suspend_data`: 4096). */
  suspendData?: number;
  /** Maximum characters of the bookmark (e.g. SCORM 1.2 `cmi.core.lesson_location`: 255). */
  location?: number;
}

export interface ManifestFile {
  path: string;
  xml: XmlElement;
}

/** One packaging standard. Registered in src/targets/index.ts. */
export interface Target {
  id: TargetId;
  /** Human name, e.g. "SCORM 1.2". */
  title: string;
  limits: TrackingLimits;
  /** Player entry (src/player/entries/<name>.ts) bundled into the package as player.js. */
  playerEntry: string;
  /** Content-Security-Policy for the pages: what the player may load and reach. */
  csp: string;
  /**
   * Why this course is not set up for this target (e.g. xAPI without an activity base IRI), or
   * undefined. A target asked for by name reports it through \`check\`; in a build of the default
   * targets it is skipped with a note instead.
   */
  unconfigured?(course: Course): string | undefined;
  /** Target-specific checks of a course before building (e.g. xAPI needs an activity base IRI). */
  check?(course: Course): Diagnostic[];
  /** The manifest, a pure function of the course, the language and the package's other files. */
  manifest(course: Course, lang: string, files: string[]): ManifestFile | null;
}

/** The CSP for packages that talk to an LMS through JavaScript only (no network of their own). */
export const OFFLINE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'";
