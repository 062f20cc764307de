/**
 * The studio's state and every call to the server: the course, the files being edited (with the
 * version each edit is based on), diagnostics, conflicts, the live region's message. Components
 * read it through `useStore()` and change it only through its methods.
 */
import { useEffect, useReducer } from 'preact/hooks';
import { ApiError, StudioApi, type CourseInfo, type Diagnostic, type FileKind, type FileState, type Schemas } from './api.js';
import { format, type Strings } from './i18n.js';
import type { Op } from './ops.js';
import { getIn, samePath, type DataPath } from './schema-form.js';
import { typeLabel } from './field-text.js';
import { COURSE_FILE, rowKey, treeRows, type TreeRow } from './tree-model.js';

export type Screen = 'structure' | 'languages' | 'problems' | 'build';

/** A change of ours that met someone else's: shown until the designer picks a side. */
export interface Conflict {
  file: string;
  /** What the designer was changing, in words (a field label, "Move page"…). */
  what: string;
  theirs: string;
  yours: string;
  /** Re-sends our change on top of the file as it is now. */
  applyMine: () => Promise<void>;
}

/** The field being typed in and not yet saved (or being saved). */
export interface Editing {
  file: string;
  path: DataPath;
  value: unknown;
  label: string;
  /** Saves `value` again on top of `version` (after a conflict). */
  resend: (version: string) => Promise<void>;
}

const show = (value: unknown): string => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 2));

export class Store {
  strings: Strings = {};
  uiLang = 'en';
  info: CourseInfo | null = null;
  noCourse = false;
  loadError = '';
  schemas: Schemas | null = null;
  files = new Map<string, FileState>();
  rows: TreeRow[] = [];
  selected = rowKey(COURSE_FILE, []);
  expanded = new Set<string>([rowKey(COURSE_FILE, [])]);
  diagnostics: Diagnostic[] = [];
  conflict: Conflict | null = null;
  editing: Editing | null = null;
  message = '';
  screen: Screen = 'structure';
  previewReload = 0;
  /** Counts "keep theirs": each makes the fields drop what was typed and show the file again. */
  resets = 0;
  busy = false;
  /** The last structure action (a move, a toolbar button): they run one after the other. */
  private actions: Promise<unknown> = Promise.resolve();
  /** Per file, the promise of the last edit sent: edits of one file go one after the other. */
  private queue = new Map<string, Promise<unknown>>();
  private listeners = new Set<() => void>();

  constructor(readonly api: StudioApi) {}

  t = (key: string, params?: Record<string, string | number>): string => format(this.strings, key, params);

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  announce(message: string): void {
    // The same message twice must be heard twice: clear, then set on the next frame.
    this.message = '';
    this.changed();
    setTimeout(() => {
      this.message = message;
      this.changed();
    }, 50);
  }

  async setLanguage(lang: string): Promise<void> {
    this.strings = await this.api.strings(lang);
    this.uiLang = lang;
    document.documentElement.lang = lang;
    if (this.info) this.rows = this.treeRows();
    this.changed();
  }

  get languages(): string[] {
    return this.info?.languages ?? [];
  }

  get sourceLanguage(): string {
    return this.info?.sourceLanguage ?? this.languages[0] ?? 'en';
  }

  /** Which schema a course file follows: course.yaml, a module or an assessment. */
  kindOf(file: string): FileKind {
    if (file === COURSE_FILE) return 'course';
    return this.info?.files.find((f) => f.path === file)?.kind ?? (this.info?.course.assessments.some((a) => a.file === file) ? 'assessment' : 'module');
  }

  /** A number written as the interface language writes it (4,50 in French). */
  number(value: number, digits: number): string {
    return new Intl.NumberFormat(this.uiLang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  }

  /** An error from the server (or no answer at all) in the interface language: `apiError.<code>` when the table has it, else the server's own words. */
  errorText(error: unknown): string {
    if (error instanceof ApiError) {
      const key = `apiError.${error.code}`;
      const params = (error.body.params ?? {}) as Record<string, string | number>;
      return this.strings[key] !== undefined ? this.t(key, params) : error.message;
    }
    // fetch() rejects with a TypeError when the server does not answer.
    if (error instanceof TypeError) return this.t('apiError.network');
    return error instanceof Error ? error.message : String(error);
  }

  /** The tree's rows; a block the server could only name by its type (`tabs`) is named in the interface language. */
  private treeRows(): TreeRow[] {
    return treeRows(this.info!.course, this.files.get(COURSE_FILE)?.data).map((r) => (r.type && (r.label === r.type || !r.label) ? { ...r, label: typeLabel(this.strings, r.type), typeName: true } : r));
  }

  get selectedRow(): TreeRow | undefined {
    return this.rows.find((r) => r.key === this.selected);
  }

  async load(): Promise<void> {
    try {
      if (!this.schemas) this.schemas = await this.api.schema();
      const info = await this.api.course();
      this.info = info;
      this.noCourse = false;
      await this.ensureFile(COURSE_FILE, true);
      this.rows = this.treeRows();
      if (!this.rows.some((r) => r.key === this.selected)) this.selected = this.rows[0]!.key;
      const row = this.selectedRow;
      if (row) await this.ensureFile(row.file);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.code === 'no-course' || error.code === 'course-not-found')) {
        this.noCourse = true;
        this.info = null;
      } else this.loadError = this.errorText(error);
    }
    this.changed();
  }

  async ensureFile(path: string, fresh = false): Promise<FileState> {
    const known = this.files.get(path);
    if (known && !fresh) return known;
    const file = await this.api.file(path);
    this.files.set(path, file);
    return file;
  }

  async refreshDiagnostics(list?: Diagnostic[]): Promise<void> {
    this.diagnostics = list ?? (await this.api.diagnostics()).diagnostics;
    this.changed();
  }

  async select(key: string): Promise<void> {
    this.selected = key;
    this.changed();
    const row = this.selectedRow;
    // Opening a node shows its ancestors.
    for (let p = row?.parentKey; p; p = this.rows.find((r) => r.key === p)?.parentKey) this.expanded.add(p);
    if (row) await this.ensureFile(row.file);
    this.changed();
  }

  toggle(key: string, open?: boolean): void {
    const isOpen = this.expanded.has(key);
    if (open ?? !isOpen) this.expanded.add(key);
    else this.expanded.delete(key);
    this.changed();
  }

  /**
   * Runs a structure action once the previous ones are done. The task reads the store when it runs,
   * not when its key or button was pressed: a second Alt+ArrowDown pressed while the first move is
   * on its way to the server moves the node from where the first put it, and a button pressed just
   * after a row was clicked acts on that row.
   */
  act<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.actions.catch(() => undefined).then(task);
    this.actions = next;
    return next;
  }

  /** Runs `task` after the edits already sent for `file`. */
  private serial<T>(file: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queue.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.queue.set(file, next);
    return next;
  }

  /**
   * Sends `ops` on `file` based on the version the studio holds. Resolves true when written; on a
   * conflict (409) the file is reloaded and a conflict is shown, and it resolves false — nothing
   * is ever written over a change made elsewhere.
   */
  edit(file: string, ops: Op[], what: string, yours?: { path: DataPath; value: unknown }): Promise<boolean> {
    return this.serial(file, async () => {
      const base = await this.ensureFile(file);
      try {
        const result = await this.api.edit(file, base.version, ops);
        this.files.set(file, { ...base, ...result, path: file });
        // Saved: a change on disk from now on is not a conflict with this field.
        if (yours) this.doneEditing(file, yours.path, yours.value);
        await this.afterWrite();
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          const current = error.body.current as FileState | undefined;
          if (current) this.files.set(file, { ...base, ...current, path: file });
          else await this.ensureFile(file, true);
          this.conflict = {
            file,
            what,
            theirs: show(yours ? getIn(this.files.get(file)?.data, yours.path) : this.t('conflict.fileChanged')),
            yours: show(yours ? yours.value : what),
            applyMine: async () => {
              this.conflict = null;
              await this.edit(file, ops, what, yours);
            },
          };
          await this.reloadCourse();
          return false;
        }
        this.announce(this.t('error.save', { message: this.errorText(error) }));
        return false;
      }
    });
  }

  /** After any write: the tree, the preview and (unless SSE brings them) the diagnostics. */
  async afterWrite(): Promise<void> {
    await this.reloadCourse();
    this.previewReload++;
    this.changed();
    void this.refreshDiagnostics().catch(() => undefined);
  }

  async reloadCourse(): Promise<void> {
    try {
      const info = await this.api.course();
      this.info = info;
      await this.ensureFile(COURSE_FILE, true);
      this.rows = this.treeRows();
      if (!this.rows.some((r) => r.key === this.selected)) this.selected = this.rows[0]!.key;
    } catch (error) {
      this.announce(this.t('error.load', { message: this.errorText(error) }));
    }
    this.changed();
  }

  keepTheirs(): void {
    this.conflict = null;
    this.editing = null;
    this.resets++;
    this.changed();
  }

  /** SSE `changed`: a course file changed on disk, by someone else. */
  async fileChangedOnDisk(path: string, version: string): Promise<void> {
    const known = this.files.get(path);
    if (known && known.version === version) return;
    const editing = this.editing;
    if (known) await this.ensureFile(path, true);
    if (editing && editing.file === path) {
      const current = this.files.get(path)!;
      this.conflict = {
        file: path,
        what: editing.label,
        theirs: show(getIn(current.data, editing.path)),
        yours: show(editing.value),
        applyMine: async () => {
          this.conflict = null;
          await editing.resend(this.files.get(path)!.version);
        },
      };
    } else this.announce(this.t('changedOnDisk', { file: path }));
    await this.afterWrite();
  }

  /** The file's `editing` entry is saved: forget it unless the designer typed on since. */
  doneEditing(file: string, path: DataPath, value: unknown): void {
    if (this.editing && this.editing.file === file && samePath(this.editing.path, path) && this.editing.value === value) this.editing = null;
  }

  async undoRedo(which: 'undo' | 'redo'): Promise<void> {
    try {
      const result = await this.api[which]();
      // A step may touch several files (a new module and course.yaml): reload each; a deleted one is forgotten.
      for (const path of result.changed ?? [result.path]) {
        try {
          await this.ensureFile(path, true);
        } catch {
          this.files.delete(path);
        }
      }
      this.announce(this.t(which === 'undo' ? 'undone' : 'redone', { file: (result.changed ?? [result.path]).join(', ') }));
      await this.afterWrite();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        const current = error.body.current as FileState | undefined;
        if (current?.path) this.files.set(current.path, current);
        this.announce(this.t('conflict.undo'));
        await this.afterWrite();
      } else this.announce(this.t(which === 'undo' ? 'nothingToUndo' : 'nothingToRedo'));
    }
  }

  diagnosticsAt(file: string, path: DataPath): Diagnostic[] {
    return this.diagnostics.filter((d) => d.file === file && d.yamlPath !== undefined && samePath(d.yamlPath, path));
  }
}

let store: Store | null = null;

export function createStore(api: StudioApi): Store {
  store = new Store(api);
  return store;
}

/** The store, re-rendering the calling component on every change. */
export function useStore(): Store {
  const [, tick] = useReducer((n: number, _action: void) => n + 1, 0);
  useEffect(() => store!.subscribe(() => tick(undefined)), []);
  return store!;
}
