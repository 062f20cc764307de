/**
 * The structure tree as rows: the CourseTree of `GET /api/course` flattened in display order,
 * each row knowing its file, its YAML path there, and the array it can move in. Pure.
 */
import type { CourseTree } from './api.js';
import type { DataPath } from './schema-form.js';

export type NodeKind = 'course' | 'module' | 'page' | 'block' | 'question' | 'assessment';

export interface TreeRow {
  /** Stable across reloads while the node keeps its place: `file|path`. */
  key: string;
  kind: NodeKind;
  label: string;
  /** `text`, `check`, `single-choice`… for blocks and questions. */
  type?: string;
  level: number;
  file: string;
  path: DataPath;
  /** The array this row is an item of (`file`, `path`, its index and the array's length): what Move up/down and drag and drop change. */
  siblings?: { file: string; path: DataPath; index: number; length: number };
  parentKey?: string;
  hasChildren: boolean;
  /** The page this row is on or in, for the preview. */
  pageId?: string;
  /** The label is the name of the row's type in the interface language (a block with no title), not course text. */
  typeName?: boolean;
}

export const COURSE_FILE = 'course.yaml';
export const rowKey = (file: string, path: DataPath): string => `${file}|${path.join('.')}`;

/** Every row of the tree, depth first; `courseData` is course.yaml's data (for the assessments' list key). */
export function treeRows(tree: CourseTree, courseData: unknown): TreeRow[] {
  const rows: TreeRow[] = [];
  const root = rowKey(COURSE_FILE, []);
  rows.push({ key: root, kind: 'course', label: tree.title, level: 1, file: COURSE_FILE, path: [], hasChildren: tree.modules.length + tree.assessments.length > 0 });
  tree.modules.forEach((m, mi) => {
    const mKey = rowKey(m.file, []);
    rows.push({ key: mKey, kind: 'module', label: m.title, level: 2, file: m.file, path: [], parentKey: root, hasChildren: m.pages.length > 0, siblings: { file: COURSE_FILE, path: ['modules'], index: mi, length: tree.modules.length } });
    m.pages.forEach((p, pi) => {
      const pPath: DataPath = ['pages', pi];
      const pKey = rowKey(m.file, pPath);
      rows.push({ key: pKey, kind: 'page', label: p.title, level: 3, file: m.file, path: pPath, parentKey: mKey, hasChildren: p.blocks.length > 0, pageId: p.id, siblings: { file: m.file, path: ['pages'], index: pi, length: m.pages.length } });
      p.blocks.forEach((b, bi) => {
        const bPath: DataPath = [...pPath, 'blocks', bi];
        const bKey = rowKey(m.file, bPath);
        const questions = b.questions ?? [];
        rows.push({ key: bKey, kind: 'block', type: b.type, label: b.label, level: 4, file: m.file, path: bPath, parentKey: pKey, hasChildren: questions.length > 0, pageId: p.id, siblings: { file: m.file, path: [...pPath, 'blocks'], index: bi, length: p.blocks.length } });
        questions.forEach((q, qi) => {
          const qPath: DataPath = [...bPath, 'questions', qi];
          rows.push({ key: rowKey(m.file, qPath), kind: 'question', type: q.type, label: q.label, level: 5, file: m.file, path: qPath, parentKey: bKey, hasChildren: false, pageId: p.id, siblings: { file: m.file, path: [...bPath, 'questions'], index: qi, length: questions.length } });
        });
      });
    });
  });
  const listKey = courseData && typeof courseData === 'object' && Array.isArray((courseData as { assessments?: unknown }).assessments) ? 'assessments' : undefined;
  tree.assessments.forEach((a, ai) => {
    const aKey = rowKey(a.file, []);
    rows.push({ key: aKey, kind: 'assessment', label: a.title, level: 2, file: a.file, path: [], parentKey: root, hasChildren: a.questions.length > 0, pageId: a.id, ...(listKey ? { siblings: { file: COURSE_FILE, path: [listKey], index: ai, length: tree.assessments.length } } : {}) });
    a.questions.forEach((q, qi) => {
      rows.push({ key: rowKey(a.file, ['questions', qi]), kind: 'question', type: q.type, label: q.label, level: 3, file: a.file, path: ['questions', qi], parentKey: aKey, hasChildren: false, pageId: a.id, siblings: { file: a.file, path: ['questions'], index: qi, length: a.questions.length } });
    });
  });
  return rows;
}

/** The rows shown: those whose every ancestor is expanded. */
export function visibleRows(rows: TreeRow[], expanded: Set<string>): TreeRow[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const shown = (row: TreeRow): boolean => {
    for (let p = row.parentKey; p; p = byKey.get(p)?.parentKey) if (!expanded.has(p)) return false;
    return true;
  };
  return rows.filter(shown);
}

/** The row that holds the node at `path` of `file`: the deepest row whose path is a prefix of it (diagnostics → tree). */
export function rowFor(rows: TreeRow[], file: string, path: DataPath): TreeRow | undefined {
  let best: TreeRow | undefined;
  for (const row of rows) {
    if (row.file !== file || row.path.length > path.length) continue;
    if (row.path.every((k, i) => k === path[i]) && (!best || row.path.length > best.path.length)) best = row;
  }
  return best;
}

/** Where a row dropped on `target` goes: a move within the same array, or null (only siblings reorder). */
export function dropMove(dragged: TreeRow, target: TreeRow): { file: string; path: DataPath; from: number; to: number } | null {
  const a = dragged.siblings;
  const b = target.siblings;
  if (!a || !b || a.file !== b.file || a.path.join('.') !== b.path.join('.') || a.index === b.index) return null;
  return { file: a.file, path: a.path, from: a.index, to: b.index };
}
