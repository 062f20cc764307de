/**
 * Languages side by side: the source text and the target language's text of every translatable
 * field (`GET /api/translations`, the records `check` uses), missing and stale ones marked; the
 * target edited in place; XLIFF export (a download) and import (an upload).
 */
import { useEffect, useState } from 'preact/hooks';
import type { TranslationRecord } from './api.js';
import { textSetOp } from './ops.js';
import { getIn } from './schema-form.js';
import { useStore } from './store.js';

function TargetCell(props: { record: TranslationRecord; lang: string; index: number; onSaved: () => void }) {
  const store = useStore();
  const [value, setValue] = useState(props.record.target ?? "");
  useEffect(() => setValue(props.record.target ?? ""), [props.record.target]);
  const id = `tr-${props.index}`;
  const save = async () => {
    if (value === (props.record.target ?? "")) return;
    const file = await store.ensureFile(props.record.file);
    const current = getIn(file.data, props.record.yamlPath);
    const ok = await store.edit(props.record.file, [textSetOp(props.record.yamlPath, current, props.lang, value, store.languages)], store.t('languages.target'), { path: [...props.record.yamlPath, props.lang], value });
    if (ok) props.onSaved();
  };
  return (
    <td>
      <label class="visually-hidden" for={id}>
        {store.t('languages.targetOf', { lang: props.lang, n: props.index + 1 })}
      </label>
      <textarea id={id} lang={props.lang} rows={Math.min(8, Math.max(2, Math.ceil((props.record.source ?? "").length / 60)))} value={value} onInput={(e) => setValue((e.currentTarget as HTMLTextAreaElement).value)} onBlur={() => void save()} />
    </td>
  );
}

export function Languages() {
  const store = useStore();
  const targets = store.languages.filter((l) => l !== store.sourceLanguage);
  const [lang, setLang] = useState(targets[0] ?? '');
  const [records, setRecords] = useState<TranslationRecord[] | null>(null);
  const [onlyTodo, setOnlyTodo] = useState(false);
  const load = async () => {
    if (!lang) return;
    try {
      setRecords((await store.api.translations(lang)).records);
    } catch (error) {
      store.announce(store.t('error.load', { message: store.errorText(error) }));
    }
  };
  useEffect(() => void load(), [lang, store.previewReload]);
  if (!targets.length) return <section class="languages"><h2>{store.t('languages')}</h2><p>{store.t('languages.none')}</p></section>;
  const exportXliff = async () => {
    const text = await store.api.xliff(lang);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${store.info?.course.id ?? 'course'}.${lang}.xlf`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    store.announce(store.t('xliff.exported', { file: a.download }));
  };
  const importXliff = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    try {
      const result = await store.api.importXliff(await file.text());
      store.announce(store.t('xliff.imported', { count: result.changed.length, files: result.changed.join(', ') }));
      for (const path of result.changed) await store.ensureFile(path, true);
      await store.afterWrite();
    } catch (error) {
      store.announce(store.t('error.save', { message: store.errorText(error) }));
    }
    input.value = '';
  };
  const shown = (records ?? []).filter((r) => !onlyTodo || r.state !== 'translated');
  const counts = { missing: 0, stale: 0, translated: 0 };
  for (const r of records ?? []) counts[r.state]++;
  return (
    <section class="languages" aria-labelledby="languages-title">
      <h2 id="languages-title">{store.t('languages')}</h2>
      <div class="languages-bar">
        <label for="target-lang">{store.t('languages.target')}</label>
        <select id="target-lang" value={lang} onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value)}>
          {targets.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
        <span class="check-field">
          <input id="only-todo" type="checkbox" checked={onlyTodo} onChange={(e) => setOnlyTodo((e.currentTarget as HTMLInputElement).checked)} />
          <label for="only-todo">{store.t('languages.onlyTodo')}</label>
        </span>
        <button type="button" onClick={() => void exportXliff()}>
          {store.t('xliff.export')}
        </button>
        <label for="xliff-import">
          {store.t('xliff.import')}
        </label>
        <input id="xliff-import" type="file" accept=".xlf,.xliff,application/xml" onChange={(e) => void importXliff(e.currentTarget as HTMLInputElement)} />
      </div>
      <p>{store.t('languages.counts', counts)}</p>
      <table class="translations">
        <thead>
          <tr>
            <th scope="col">{store.t('languages.where')}</th>
            <th scope="col">
              {store.t('languages.source')} ({store.sourceLanguage})
            </th>
            <th scope="col">
              {store.t('languages.target')} ({lang})
            </th>
            <th scope="col">{store.t('languages.state')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const index = (records ?? []).indexOf(r);
            return (
              <tr key={r.key} class={`state-${r.state}`}>
                <td class="where">{r.key}</td>
                <td lang={store.sourceLanguage} class="source">
                  {r.source}
                </td>
                <TargetCell record={r} lang={lang} index={index} onSaved={() => void load()} />
                <td class="state">{store.t(`state.${r.state}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
