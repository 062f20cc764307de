/**
 * The studio server's API as the UI calls it (/work/notes/studio-api.md): every request carries
 * the session token from the page's URL in `X-Studio-Token`; errors become `ApiError`.
 */
import type { Op } from './ops.js';
import type { DataPath, JsonSchema } from './schema-form.js';

export interface QuestionNode { id: string; type: string; label: string; path?: DataPath }
export interface BlockNode { type: string; index: number; label: string; id?: string; questions?: QuestionNode[]; path?: DataPath }
export interface PageNode { id: string; title: string; blocks: BlockNode[]; path?: DataPath }
export interface ModuleNode { file: string; id: string; title: string; pages: PageNode[] }
export interface AssessmentNode { file: string; id: string; title: string; questions: QuestionNode[] }
export interface CourseTree { id: string; title: string; languages: string[]; modules: ModuleNode[]; assessments: AssessmentNode[] }
export type FileKind = 'course' | 'module' | 'assessment';
export interface CourseInfo {
  dir: string;
  course: CourseTree;
  files: Array<{ path: string; kind: FileKind; version: string }>;
  languages: string[];
  sourceLanguage: string;
}
export interface FileState { path: string; kind?: FileKind; version: string; text: string; data: unknown }
export interface Diagnostic { file: string; line: number; column: number; code: string; severity: 'error' | 'warning' | 'info'; message: string; hint?: string; yamlPath?: DataPath }
export interface TranslationRecord { key: string; yamlPath: DataPath; file: string; source: string | null; target: string | null; state: 'missing' | 'stale' | 'translated' }
export interface BuildResult { ok: boolean; packages: Array<{ path: string; target: string; lang: string; bytes: number }>; diagnostics: Diagnostic[] }
export type Schemas = Record<FileKind, JsonSchema>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body: a 409 carries `current` (the file as it is on disk). */
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class StudioApi {
  constructor(readonly token: string) {}

  async request<T>(method: string, url: string, body?: BodyInit | object, contentType = 'application/json'): Promise<T> {
    const raw = body === undefined || typeof body === 'string' || body instanceof Blob || body instanceof ArrayBuffer;
    const response = await fetch(url, {
      method,
      headers: { 'X-Studio-Token': this.token, ...(body !== undefined ? { 'Content-Type': raw ? contentType : 'application/json' } : {}) },
      ...(body !== undefined ? { body: raw ? (body as BodyInit) : JSON.stringify(body) } : {}),
    });
    const type = response.headers.get('Content-Type') ?? '';
    const parsed: unknown = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } })?.error;
      throw new ApiError(response.status, error?.code ?? String(response.status), error?.message ?? String(parsed), (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>);
    }
    return parsed as T;
  }

  course = () => this.request<CourseInfo>('GET', '/api/course');
  file = (path: string) => this.request<FileState>('GET', `/api/file?path=${encodeURIComponent(path)}`);
  edit = (path: string, baseVersion: string, ops: Op[]) => this.request<FileState>('POST', '/api/edit', { path, baseVersion, ops });
  undo = () => this.request<FileState & { changed?: string[] }>('POST', '/api/undo', {});
  redo = () => this.request<FileState & { changed?: string[] }>('POST', '/api/redo', {});
  createFile = (kind: 'module' | 'assessment', file: string, id: string, title: string) => this.request<unknown>('POST', '/api/files', { kind, file, id, title });
  deleteFile = (path: string) => this.request<unknown>('DELETE', `/api/files?path=${encodeURIComponent(path)}`);
  diagnostics = () => this.request<{ diagnostics: Diagnostic[] }>('GET', '/api/diagnostics');
  schema = () => this.request<Schemas>('GET', '/api/schema');
  strings = (lang: string) => this.request<Record<string, string>>('GET', `/api/strings?lang=${encodeURIComponent(lang)}`);
  translations = (lang: string) => this.request<{ records: TranslationRecord[] }>('GET', `/api/translations?lang=${encodeURIComponent(lang)}`);
  xliff = (lang: string) => this.request<string>('GET', `/api/xliff?lang=${encodeURIComponent(lang)}`);
  importXliff = (text: string) => this.request<{ changed: string[] }>('POST', '/api/xliff', text, 'application/xml');
  upload = (name: string, file: Blob) => this.request<{ path: string }>('POST', `/api/assets?name=${encodeURIComponent(name)}`, file, file.type || 'application/octet-stream');
  build = (targets?: string[]) => this.request<BuildResult>('POST', '/api/build', targets ? { targets } : {});
  newCourse = (id: string, title: string, languages: string[]) => this.request<unknown>('POST', '/api/new', { id, title, languages });

  /** Server-Sent Events; EventSource cannot send headers, so the token goes in the query (as for /preview/). */
  events(): EventSource {
    return new EventSource(`/api/events?token=${encodeURIComponent(this.token)}`);
  }

  /** The preview of `page` (it reloads itself after each change of the course). */
  previewUrl(page: string | undefined, lang: string): string {
    const q = new URLSearchParams({ token: this.token, lang, ...(page ? { page } : {}) });
    return `/preview/?${q.toString()}`;
  }
}
