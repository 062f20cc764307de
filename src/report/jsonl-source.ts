/** A folder (or one file) of xAPI statements as JSON lines, for data exported from any LRS. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import type { XapiStatement } from './from-statements.js';

const EXTENSIONS = /\.(jsonl|ndjson|json)$/i;

export function readStatementFiles(path: string, cwd: string): { statements: XapiStatement[]; diagnostics: Diagnostic[]; files: number } {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => EXTENSIONS.test(f))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const statements: XapiStatement[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      const text = line.trim();
      if (!text) return;
      try {
        const value = JSON.parse(text) as unknown;
        // A line may hold one statement or an array of them (a page of a GET /statements saved as is).
        const list = Array.isArray(value) ? value : (value as { statements?: unknown[] }).statements ?? [value];
        for (const s of list) statements.push(s as XapiStatement);
      } catch (error) {
        diagnostics.push(diag('report-input', `not a JSON statement: ${(error as Error).message}`, { file: relative(cwd, file), line: i + 1, column: 1 }));
      }
    });
  }
  return { statements, diagnostics, files: files.length };
}
