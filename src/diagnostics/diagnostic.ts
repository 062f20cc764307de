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

/** Collects diagnostics from every phase so that one run reports them all. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    this.items.push(d);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  count(severity: Severity): number {
    return this.items.filter((d) => d.severity === severity).length;
  }

  /** Sorted by file, then position, so output is stable. */
  sorted(): Diagnostic[] {
    return [...this.items].sort(
      (a, b) =>
        (a.file ?? '').localeCompare(b.file ?? '') ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.column ?? 0) - (b.column ?? 0) ||
        a.code.localeCompare(b.code),
    );
  }
}
