/** The form of the node selected in the tree, and the live preview of its page beside it. */
import { useState } from 'preact/hooks';
import { ObjectFields } from './fields.js';
import { schemaAt } from './schema-form.js';
import { useStore } from './store.js';

export function Editor() {
  const store = useStore();
  const row = store.selectedRow;
  const file = row ? store.files.get(row.file) : undefined;
  if (!row || !file || !store.schemas) return <section class="editor" aria-label={store.t('editor')} />;
  const kind = store.kindOf(row.file);
  const root = store.schemas[kind];
  const schema = schemaAt(root, file.data, row.path);
  const value = row.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), file.data);
  return (
    <section class="editor" aria-labelledby="editor-title">
      <h2 id="editor-title">
        {store.t(`kind.${row.kind}`)}: <span lang={row.typeName ? undefined : store.sourceLanguage}>{row.label}</span>
      </h2>
      <p class="file-note">{store.t('editor.file', { file: row.file })}</p>
      {schema ? (
        <form class="node-form" onSubmit={(e) => e.preventDefault()} key={`${row.key}`}>
          <ObjectFields file={row.file} path={row.path} schema={schema} value={value} skipTreeKeys={row.kind === 'course' ? 'course' : 'node'} />
        </form>
      ) : (
        <p>{store.t('editor.noSchema')}</p>
      )}
    </section>
  );
}

export function Preview() {
  const store = useStore();
  const [lang, setLang] = useState('');
  const row = store.selectedRow;
  const previewLang = lang || store.sourceLanguage;
  const page = row?.pageId;
  return (
    <section class="preview" aria-labelledby="preview-title">
      <div class="preview-bar">
        <h2 id="preview-title">{store.t('preview')}</h2>
        {store.languages.length > 1 ? (
          <>
            <label for="preview-lang">{store.t('preview.language')}</label>
            <select id="preview-lang" value={previewLang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value)}>
              {store.languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </>
        ) : null}
      </div>
      <iframe title={store.t('preview.frame', { page: row?.label ?? '' })} src={store.api.previewUrl(page, previewLang)} />
    </section>
  );
}
