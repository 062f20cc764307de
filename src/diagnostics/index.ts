import { CODES, type Code } from './codes.js';
import type { Diagnostic, SourcePosition } from './diagnostic.js';

export * from './diagnostic.js';
export { CODES, type Code } from './codes.js';

/** Builds a diagnostic from the catalogue: severity and hint come from the code unless overridden. */
export function diag(
  code: Code,
  message: string,
  at?: Partial<SourcePosition> & { path?: string },
  extra: { hint?: string; severity?: Diagnostic['severity'] } = {},
): Diagnostic {
  const info = CODES[code];
  const d: Diagnostic = { code, severity: extra.severity ?? info.severity, message, hint: extra.hint ?? info.hint };
  if (at?.file !== undefined) d.file = at.file;
  if (at?.line !== undefined) d.line = at.line;
  if (at?.column !== undefined) d.column = at.column;
  if (at?.path) d.path = at.path;
  return d;
}
