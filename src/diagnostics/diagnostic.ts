/** How bad a diagnostic is. Errors stop a build; warnings stop it only with `--strict`. */
export type Severity = 'error' | 'warning' | 'info';

/** A place in a source file. Lines and columns start at 1. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** One problem found in a course, reported to the author with a position, a stable code and a hint. */
export interface Diagnostic {
  /** Stable name from the catalogue in `codes.ts`; tests and tools rely on it. */
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
  /** Course-relative file path, with forward slashes. Absent only for problems that have no file. */
  file?: string;
  line?: number;
  column?: number;
  /** The data path inside the file, e.g. `pages.2.blocks.0.alt`. */
  path?: string;
}
