/** Turns zod issues into positioned diagnostics with author-friendly messages. */
import type { z } from 'zod';
import { diag, type Diagnostic } from '../diagnostics/index.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { discriminatorValues, knownKeys } from './schema-walk.js';
import { languageTagMessage } from './language-tag.js';
import { LANG_PATTERN } from './schema.js';
import { keyPositionOf, nodeAt, pathString, positionOf, type DataPath, type SourceFile } from './source-file.js';

type Issue = z.core.$ZodIssue;

/** Validates a parsed file; returns the parsed value (with defaults) or null, pushing diagnostics. */
export function validateFile<S extends z.ZodType>(file: SourceFile, schema: S, out: Diagnostic[]): z.output<S> | null {
  const data = file.data;
  // jitless: zod's fast path compiles a function per object schema (new Function) on first use;
  // a course is validated once per run, so compiling costs more than it saves (about 8 ms of a
  // `check`). The interpreted path reads the keys in the same order and reports the same issues.
  const result = schema.safeParse(data, { jitless: true });
  if (result.success) return result.data;
  const found: Diagnostic[] = [];
  for (const issue of result.error.issues) {
    found.push(...issueToDiagnostics(file, schema, data, issue));
    if (found.length > MAX_FILE_PROBLEMS) break;
  }
  out.push(...found.slice(0, MAX_FILE_PROBLEMS));
  if (result.error.issues.length > MAX_FILE_PROBLEMS) {
    out.push(diag('more-problems', `${result.error.issues.length - MAX_FILE_PROBLEMS} more problems in this file are not shown`, { file: file.path, line: 1, column: 1 }));
  }
  return null;
}

/** A list of 99,999 wrong values is one mistake repeated: the first hundred say it. */
const MAX_FILE_PROBLEMS = 100;

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment as string];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  record: 'a mapping of language codes to text',
};

function issueToDiagnostics(file: SourceFile, schema: z.ZodType, data: unknown, issue: Issue): Diagnostic[] {
  const path = issue.path as (string | number)[];
  const at = { ...positionOf(file, path), path: pathString(path) };
  const name = path.length ? String(path[path.length - 1]) : 'file';
  const value = valueAt(data, path);

  const missing = value === undefined && !nodeAt(file, path).found && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
  if (missing && !(issue.code === 'invalid_union' && (issue as { note?: string }).note)) {
    if (path.length === 1 && path[0] === 'modules') return [diag('empty-course', 'the course has no modules', at)];
    return [diag('missing-field', `"${name}" is required here`, { ...positionOf(file, path.slice(0, -1)), path: at.path })];
  }

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, knownKeys(schema, data, path));
        const allowed = knownKeys(schema, data, path).join(', ');
        return diag('unknown-key', `unknown key "${key}"`, { ...keyPositionOf(file, path, key), path: pathString([...path, key]) }, {
          hint: suggestion ? `Did you mean "${suggestion}"?` : allowed ? `Allowed keys here: ${allowed}.` : undefined,
        });
      });
    case 'invalid_type': {
      return [diag('wrong-type', `"${name}" must be ${EXPECTED[issue.expected] ?? issue.expected}, found ${describeValue(value)}`, at)];
    }
    case 'invalid_union': {
      const note = (issue as { note?: string }).note;
      if (note === 'No matching discriminator') {
        const listed = (issue as { options?: unknown[] }).options;
        const options = listed?.length ? listed.map(String) : discriminatorValues(schema, data, path.slice(0, -1));
        const found = String(valueAt(data, path));
        const suggestion = didYouMean(found, options);
        if (valueAt(data, path) === undefined) {
          return [diag('missing-field', `"${name}" is required here; one of: ${options.join(', ')}`, { ...positionOf(file, path.slice(0, -1)), path: at.path })];
        }
        return [diag('invalid-value', `"${name}" must be one of ${options.join(', ')}; found "${found}"`, at, {
          hint: suggestion ? `Did you mean "${suggestion}"?` : undefined,
        })];
      }
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        // A language map with a bad key or a non-text value: report the inner problems.
        const inner = issue.errors.find((errors) => errors.some((e) => e.code !== 'invalid_type' || e.path.length > 0));
        if (inner) return inner.flatMap((e) => issueToDiagnostics(file, schema, data, { ...e, path: [...path, ...e.path] } as Issue));
      }
      return [diag('wrong-type', `"${name}" must be a text (a string, or one string per language), found ${describeValue(value)}`, at)];
    }
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      const { message, hint } = languageTagMessage(key, LANG_PATTERN);
      return [diag('invalid-language', message, { ...keyPositionOf(file, path.slice(0, -1), key), path: at.path }, { hint })];
    }
    case 'invalid_format':
      if (path[0] === 'languages' && typeof value === 'string') {
        const { message, hint } = languageTagMessage(value, LANG_PATTERN);
        return [diag('invalid-language', message, at, { hint })];
      }
      if (name === 'id' || String(path[path.length - 2] ?? '') === 'id') {
        return [diag('invalid-id', `"${String(value)}" is not a valid id`, at)];
      }
      if (name === 'version') return [diag('invalid-value', `"${String(value)}" is not a version like 1.0.0`, at)];
      return [diag('invalid-value', `"${String(value)}" is not valid for "${name}"`, at, { hint: issue.message })];
    case 'too_small':
      if (path.length === 1 && path[0] === 'modules') return [diag('empty-course', 'the course has no modules', at)];
      if (issue.origin === 'array') return [diag('invalid-value', `"${name}" needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`, at)];
      return [diag('invalid-value', `"${name}" must be at least ${String(issue.minimum)}, found ${describeValue(value)}`, at)];
    case 'too_big':
      if (issue.origin === 'array') return [diag('invalid-value', `"${name}" may have at most ${String(issue.maximum)} items`, at)];
      return [diag('invalid-value', `"${name}" must be at most ${String(issue.maximum)}, found ${describeValue(value)}`, at)];
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = didYouMean(String(value), options);
      return [diag('invalid-value', `"${name}" must be ${options.length === 1 ? options[0] : `one of ${options.join(', ')}`}; found ${describeValue(value)}`, at, {
        hint: suggestion ? `Did you mean "${suggestion}"?` : undefined,
      })];
    }
    default:
      return [diag('invalid-value', `"${name}": ${issue.message}`, at)];
  }
}
