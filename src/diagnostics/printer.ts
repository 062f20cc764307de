import type { Diagnostic } from './diagnostic.js';

export interface PrintOptions {
  /** Reads a source file's text for the code frame; returns undefined if unavailable. */
  readSource?: (file: string) => string | undefined;
  color?: boolean;
}

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** `file:line:col  error  message  [code]`, then a code frame and the hint. */
export function formatDiagnostic(d: Diagnostic, options: PrintOptions = {}): string {
  const color = options.color ?? false;
  const place = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : 'coursepack';
  const severity = paint(color, d.severity === 'error' ? 31 : d.severity === 'warning' ? 33 : 36, d.severity);
  const lines = [`${place}  ${severity}  ${d.message}  [${d.code}]`];
  const source = d.file && d.line ? options.readSource?.(d.file) : undefined;
  if (source !== undefined && d.line) lines.push(codeFrame(source, d.line, d.column ?? 1));
  if (d.hint) lines.push(`  ${paint(color, 2, 'hint:')} ${d.hint}`);
  return lines.join('\n');
}

/** Two lines of context before the problem line, and a caret under the column. */
export function codeFrame(source: string, line: number, column: number): string {
  const all = source.split(/\r?\n/);
  const first = Math.max(1, line - 2);
  const last = Math.min(all.length, line);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (all[n - 1] ?? '').replace(/\t/g, '→');
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text}`);
  }
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  return out.join('\n');
}

export function summary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
