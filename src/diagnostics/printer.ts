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
  const lines = [`${visible(place)}  ${severity}  ${visible(d.message)}  [${d.code}]`];
  const source = d.file && d.line ? options.readSource?.(d.file) : undefined;
  if (source !== undefined && d.line) lines.push(codeFrame(source, d.line, d.column ?? 1));
  if (d.hint) lines.push(`  ${paint(color, 2, 'hint:')} ${visible(d.hint)}`);
  return lines.join('\n');
}

const FRAME_WIDTH = 160;

/**
 * Source text and quoted values may hold control characters (an escape sequence would drive the
 * terminal) or bidi controls (they reorder what the author reads): show each as one visible
 * character, so the caret stays under the right column.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x0a) return c;
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Two lines of context before the problem line, and a caret under the column. */
export function codeFrame(source: string, line: number, column: number): string {
  const all = source.split(/\r?\n/);
  const first = Math.max(1, line - 2);
  const last = Math.min(all.length, line);
  const width = String(last).length;
  // A 100,000-character line is shown as the part around the column.
  const start = Math.max(0, column - 1 - FRAME_WIDTH / 2);
  const clip = (text: string) => (text.length > FRAME_WIDTH ? `${start > 0 ? '…' : ''}${text.slice(start, start + FRAME_WIDTH)}${text.length > start + FRAME_WIDTH ? '…' : ''}` : text);
  const caret = (all[line - 1] ?? '').length > FRAME_WIDTH ? column - 1 - start + (start > 0 ? 1 : 0) : column - 1;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = visible(clip((all[n - 1] ?? '').replace(/\t/g, '→')));
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${text}`);
  }
  out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, caret))}^`);
  return out.join('\n');
}

export function summary(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
