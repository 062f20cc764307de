/**
 * The course as a tree for the studio's outline (`GET /api/course`): modules, pages, blocks and
 * questions with their source-language titles and, on every node, its YAML path within its file.
 * Built from the parsed data of each file, so a course with mistakes still shows (what is missing
 * is left out, not an error).
 */
import type { YamlPath } from './yaml-ops.js';

export interface QuestionNode {
  id: string;
  type: string;
  label: string;
  path: YamlPath;
}

export interface BlockNode {
  type: string;
  index: number;
  label: string;
  id?: string;
  questions?: QuestionNode[];
  path: YamlPath;
}

export interface CourseTree {
  id: string;
  title: string;
  languages: string[];
  path: YamlPath;
  modules: Array<{ file: string; id: string; title: string; path: YamlPath; pages: Array<{ id: string; title: string; path: YamlPath; blocks: BlockNode[] }> }>;
  assessments: Array<{ file: string; id: string; title: string; path: YamlPath; questions: QuestionNode[] }>;
}

type Data = Record<string, unknown>;
const asObject = (v: unknown): Data => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Data) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asString = (v: unknown): string => (typeof v === 'string' ? v : '');

/** A text field's source-language text (a plain string is already it), on one line, without Markdown marks. */
export function label(value: unknown, lang: string, max = 80): string {
  const map = asObject(value);
  const raw = typeof value === 'string' ? value : typeof map[lang] === 'string' ? (map[lang] as string) : (Object.values(map).find((v) => typeof v === 'string') as string | undefined) ?? '';
  const line = raw.replace(/[*_`#>[\]]/g, '').replace(/\(#[^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function questions(list: unknown, base: YamlPath, lang: string): QuestionNode[] {
  return asArray(list).map((q, i) => {
    const o = asObject(q);
    return { id: asString(o.id), type: asString(o.type), label: label(o.prompt, lang), path: [...base, i] };
  });
}

function blockLabel(block: Data, lang: string): string {
  switch (block.type) {
    case 'text':
      return label(block.body, lang);
    case 'image':
      return label(block.alt, lang) || label(block.src, lang);
    case 'callout':
      return label(block.title, lang) || label(block.body, lang);
    case 'testimony':
      return label(block.name, lang);
    case 'check':
      return label(block.title, lang) || asString(block.id);
    default:
      return label(block.title ?? block.body, lang) || asString(block.type);
  }
}

export function courseTree(course: unknown, files: Map<string, { kind: string; data: unknown }>): CourseTree {
  const c = asObject(course);
  const languages = asArray(c.languages).filter((l): l is string => typeof l === 'string');
  const lang = languages[0] ?? 'en';
  const tree: CourseTree = { id: asString(c.id), title: label(c.title, lang), languages, path: [], modules: [], assessments: [] };
  for (const [file, { kind, data }] of files) {
    const d = asObject(data);
    if (kind === 'module') {
      tree.modules.push({
        file,
        id: asString(d.id),
        title: label(d.title, lang),
        path: [],
        pages: asArray(d.pages).map((p, pi) => {
          const page = asObject(p);
          return {
            id: asString(page.id),
            title: label(page.title, lang),
            path: ['pages', pi],
            blocks: asArray(page.blocks).map((b, bi) => {
              const block = asObject(b);
              const path: YamlPath = ['pages', pi, 'blocks', bi];
              return {
                type: asString(block.type),
                index: bi,
                label: blockLabel(block, lang),
                path,
                ...(typeof block.id === 'string' ? { id: block.id } : {}),
                ...(Array.isArray(block.questions) ? { questions: questions(block.questions, [...path, 'questions'], lang) } : {}),
              };
            }),
          };
        }),
      });
    } else if (kind === 'assessment') {
      tree.assessments.push({ file, id: asString(d.id), title: label(d.title, lang), path: [], questions: questions(d.questions, ['questions'], lang) });
    }
  }
  return tree;
}
