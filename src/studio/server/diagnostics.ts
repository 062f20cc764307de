/**
 * `GET /api/diagnostics` and the `diagnostics` event: the same check as `coursepack check`
 * (src/api check), each diagnostic with the YAML path of the node it concerns when its position
 * falls on one, so the studio can show it at the field.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { StudioContext } from './context.js';
import type { YamlPath } from './yaml-ops.js';

export interface StudioDiagnostic {
  file: string | null;
  line: number | null;
  column: number | null;
  code: string;
  severity: Diagnostic['severity'];
  message: string;
  hint: string | null;
  yamlPath?: YamlPath;
}

export async function courseDiagnostics(ctx: StudioContext): Promise<StudioDiagnostic[]> {
  const { check } = await import('../../api/check.js');
  const result = await check({ courses: [ctx.root], cwd: ctx.root });
  return placeDiagnostics(ctx, result.diagnostics);
}

/** Adds each diagnostic's yamlPath: its data path when it names one, else the deepest node at its position. */
export function placeDiagnostics(ctx: StudioContext, diagnostics: Diagnostic[]): StudioDiagnostic[] {
  const docs = new Map<string, { doc: ReturnType<typeof parseDocument>; lines: LineCounter; text: string } | null>();
  const docOf = (file: string) => {
    if (!docs.has(file)) {
      let entry = null;
      try {
        const bytes = /\.ya?ml$/i.test(file) ? ctx.files.bytes(file) : null;
        if (bytes) {
          const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
          const lines = new LineCounter();
          entry = { doc: parseDocument(text, { lineCounter: lines }), lines, text };
        }
      } catch {
        entry = null;
      }
      docs.set(file, entry);
    }
    return docs.get(file)!;
  };
  return diagnostics.map((d) => {
    const out: StudioDiagnostic = { file: d.file ?? null, line: d.line ?? null, column: d.column ?? null, code: d.code, severity: d.severity, message: d.message, hint: d.hint ?? null };
    const parsed = d.file ? docOf(d.file) : null;
    if (parsed && d.path !== undefined) out.yamlPath = dataPath(parsed.doc.contents as Node | null, d.path);
    else if (parsed && d.line !== undefined) {
      const offset = (parsed.lines.lineStarts[d.line - 1] ?? 0) + (d.column ?? 1) - 1;
      const path = pathAt(parsed.doc.contents as Node | null, offset);
      if (path) out.yamlPath = path;
    }
    return out;
  });
}

/** `pages.2.blocks.0.alt` as a YAML path: segments that index a list become numbers. */
function dataPath(root: Node | null, dotted: string): YamlPath {
  const path: YamlPath = [];
  let node: unknown = root;
  for (const segment of dotted === '' ? [] : dotted.split('.')) {
    if (isSeq(node) && /^\d+$/.test(segment)) {
      path.push(Number(segment));
      node = node.items[Number(segment)];
    } else {
      path.push(segment);
      node = isMap(node) ? node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment)?.value : undefined;
    }
  }
  return path;
}

/** The path of the deepest node whose text holds `offset` (a key counts as its value's). */
function pathAt(root: Node | null, offset: number): YamlPath | null {
  const inside = (n: unknown): n is Node => Boolean(n && (n as Node).range && (n as Node).range![0] <= offset && offset < (n as Node).range![1]);
  if (!inside(root)) return null;
  const path: YamlPath = [];
  let node: Node = root;
  for (;;) {
    let next: { key: string | number; node: Node } | undefined;
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === undefined) continue;
        if (inside(pair.key) || inside(pair.value)) next = { key, node: (inside(pair.value) ? pair.value : pair.key) as Node };
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (inside(item)) next = { key: i, node: item as Node };
      });
    }
    if (!next) return path;
    path.push(next.key);
    if (next.node === node) return path;
    node = next.node;
  }
}
