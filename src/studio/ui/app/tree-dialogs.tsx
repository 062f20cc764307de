/**
 * The structure tree's dialogs: add a module, page, block or question (every required field filled
 * from the schema, ids made unique), rename, delete; and duplicating a module (a new file).
 */
import { useState } from 'preact/hooks';
import { Dialog } from './dialog.js';
import { idsOfCourse } from './fields.js';
import { newOfType, newValue, textOf, textSetOp, uniqueId, withCopiedIds } from './ops.js';
import { typeLabel } from './field-text.js';
import { getIn, modelOf, schemaAt, type DataPath, type JsonSchema } from './schema-form.js';
import { useStore, type Store } from './store.js';
import { rowKey, type TreeRow } from './tree-model.js';

/** Where a new child of `row` goes: its file, the array's path, and the array's item schema. */
function childArray(store: Store, row: TreeRow): { file: string; path: DataPath; schema: JsonSchema | undefined } {
  const data = store.files.get(row.file)?.data;
  const root = row.kind === 'assessment' ? store.schemas!.assessment : store.schemas!.module;
  const key = row.kind === 'module' ? 'pages' : row.kind === 'page' ? 'blocks' : 'questions';
  const path = [...row.path, key];
  const arraySchema = schemaAt(root, data, path);
  return { file: row.file, path, schema: arraySchema?.items };
}

function unionTypes(schema: JsonSchema | undefined): string[] {
  const model = schema ? modelOf(schema) : undefined;
  return model?.kind === 'union' ? model.variants.map((v) => v.value) : [];
}

export function AddDialog(props: { row: TreeRow; what: 'module' | 'assessment' | 'page' | 'block' | 'question'; onClose: () => void }) {
  const store = useStore();
  const what = props.what;
  const kind = what;
  const array = kind === 'page' || kind === 'block' || kind === 'question' ? childArray(store, props.row) : undefined;
  const types = unionTypes(array?.schema).filter((t) => t !== 'image');
  const [title, setTitle] = useState('');
  const [type, setType] = useState(types[0] ?? '');
  const [error, setError] = useState('');
  const titleLabel = kind === 'question' ? store.t('add.prompt') : kind === 'block' ? store.t('add.text') : store.t('add.title');

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) {
      setError(store.t('add.titleRequired'));
      return;
    }
    const taken = idsOfCourse(store);
    const ctx = { taken, sourceLanguage: store.sourceLanguage, placeholder: store.t('placeholder'), title: title.trim() };
    let ok = false;
    let select: string | undefined;
    if (what === 'module' || what === 'assessment') {
      const modules = store.info?.course.modules ?? [];
      const ids = new Set([...modules.map((m) => m.id), ...(store.info?.course.assessments ?? []).map((a) => a.id)]);
      const id = uniqueId(title, ids, what);
      const file = what === 'module' ? `modules/${String(modules.length + 1).padStart(2, '0')}-${id}.yaml` : `${id}.yaml`;
      try {
        await store.api.createFile(what, file, id, title.trim());
        await store.afterWrite();
        ok = true;
        select = rowKey(file, []);
      } catch (error) {
        setError(store.errorText(error));
        return;
      }
    } else if (array && array.schema) {
      const value = types.length ? newOfType(array.schema, type, ctx) : newValue(array.schema, ctx);
      const length = (getIn(store.files.get(array.file)?.data, array.path) as unknown[] | undefined)?.length ?? 0;
      ok = await store.edit(array.file, [{ op: 'insert', path: array.path, index: length, value }], store.t(`add.${kind}`));
      select = rowKey(array.file, [...array.path, length]);
    }
    if (ok) {
      props.onClose();
      if (select) {
        store.expanded.add(props.row.key);
        await store.select(select);
      }
      store.announce(store.t('added', { what: title.trim() }));
    }
  };

  return (
    <Dialog title={store.t(`add.${what}`)} onClose={props.onClose}>
      <form onSubmit={submit}>
        {types.length ? (
          <div class="field">
            <label for="add-type">{store.t('add.type')}</label>
            <select id="add-type" value={type} onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value)}>
              {types.map((t) => (
                <option key={t} value={t}>
                  {typeLabel(store.strings, t)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="field">
          <label for="add-title">
            {titleLabel} ({store.sourceLanguage})
          </label>
          <input id="add-title" type="text" value={title} autoFocus aria-invalid={error ? true : undefined} aria-describedby={error ? 'add-error' : undefined} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
        </div>
        {error ? (
          <p id="add-error" class="error" role="alert">
            {error}
          </p>
        ) : null}
        <div class="dialog-buttons">
          <button type="submit" class="primary">
            {store.t('add')}
          </button>
          <button type="button" onClick={props.onClose}>
            {store.t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The key holding a row's name: title for most, prompt for questions. */
function nameKey(row: TreeRow): DataPath {
  return [...row.path, row.kind === 'question' ? 'prompt' : 'title'];
}

export function RenameDialog(props: { row: TreeRow; onClose: () => void }) {
  const store = useStore();
  const path = nameKey(props.row);
  const current = getIn(store.files.get(props.row.file)?.data, path);
  const [name, setName] = useState(textOf(current, store.sourceLanguage, store.languages) || props.row.label);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!name.trim()) return;
    const ok = await store.edit(props.row.file, [textSetOp(path, current, store.sourceLanguage, name.trim(), store.languages)], store.t('rename'), { path: [...path, store.sourceLanguage], value: name.trim() });
    if (ok) {
      props.onClose();
      store.announce(store.t('renamed', { what: name.trim() }));
    }
  };
  return (
    <Dialog title={store.t('renameWhat', { what: props.row.label })} onClose={props.onClose}>
      <form onSubmit={submit}>
        <div class="field">
          <label for="rename-input">
            {store.t('add.title')} ({store.sourceLanguage})
          </label>
          <input id="rename-input" type="text" value={name} autoFocus onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="dialog-buttons">
          <button type="submit" class="primary">
            {store.t('rename')}
          </button>
          <button type="button" onClick={props.onClose}>
            {store.t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteDialog(props: { row: TreeRow; onClose: () => void }) {
  const store = useStore();
  const row = props.row;
  const confirm = async () => {
    let ok = false;
    if (row.kind === 'module' || row.kind === 'assessment') {
      try {
        await store.api.deleteFile(row.file);
        await store.afterWrite();
        ok = true;
      } catch (error) {
        store.announce(store.t('error.save', { message: store.errorText(error) }));
      }
    } else ok = await store.edit(row.file, [{ op: 'delete', path: row.path }], store.t('delete'));
    props.onClose();
    if (ok) {
      if (row.parentKey) await store.select(row.parentKey);
      store.announce(store.t('deleted', { what: row.label }));
    }
  };
  return (
    <Dialog title={store.t('deleteWhat', { what: row.label })} onClose={props.onClose} role="alertdialog">
      <p>{store.t(row.kind === 'module' || row.kind === 'assessment' ? 'delete.fileWarning' : 'delete.warning', { what: row.label, file: row.file })}</p>
      <div class="dialog-buttons">
        <button type="button" class="danger" onClick={() => void confirm()}>
          {store.t('delete')}
        </button>
        <button type="button" autoFocus onClick={props.onClose}>
          {store.t('cancel')}
        </button>
      </div>
    </Dialog>
  );
}

/** A copy of a module as a new file listed after it: its ids get `-copy` so they stay unique in the course. */
export async function duplicateModule(store: Store, row: TreeRow): Promise<void> {
  const source = await store.ensureFile(row.file, true);
  const data = source.data as Record<string, unknown>;
  const taken = idsOfCourse(store);
  const copy = withCopiedIds(data, taken) as Record<string, unknown>;
  const id = String(copy.id);
  const file = row.file.replace(/\.ya?ml$/, '') + '-copy.yaml';
  const title = textOf(data.title, store.sourceLanguage, store.languages) || id;
  try {
    await store.api.createFile('module', file, id, title);
    const created = await store.ensureFile(file, true);
    const ops = Object.entries(copy)
      .filter(([key]) => key !== 'id')
      .map(([key, value]) => ({ op: 'set' as const, path: [key], value }));
    await store.edit(file, ops, store.t('duplicate'));
    void created;
    // The new module goes right after its original in course.yaml.
    const modules = (store.files.get('course.yaml')?.data as { modules?: string[] } | undefined)?.modules ?? [];
    const from = modules.indexOf(file);
    const to = (row.siblings?.index ?? from - 1) + 1;
    if (from >= 0 && from !== to) await store.edit('course.yaml', [{ op: 'move', path: ['modules'], from, to }], store.t('duplicate'));
    await store.select(rowKey(file, []));
    store.announce(store.t('duplicated', { what: row.label }));
  } catch (error) {
    store.announce(store.t('error.save', { message: store.errorText(error) }));
  }
}
