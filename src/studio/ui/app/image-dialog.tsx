/**
 * Adding an image to a page: the file is uploaded into assets/ (`POST /api/assets`), and the image
 * block is written only once it has alt text in the source language, or is marked decorative.
 * An image with words in it can have one file per course language.
 */
import { useState } from 'preact/hooks';
import { Dialog } from './dialog.js';
import { getIn } from './schema-form.js';
import { useStore } from './store.js';
import { rowKey, type TreeRow } from './tree-model.js';

export const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp,image/svg+xml';

export function ImageDialog(props: { row: TreeRow; onClose: () => void }) {
  const store = useStore();
  const languages = store.languages;
  const source = store.sourceLanguage;
  const [perLanguage, setPerLanguage] = useState(false);
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [decorative, setDecorative] = useState(false);
  const [alt, setAlt] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const fileLangs = perLanguage ? languages : [source];

  const submit = async (e: Event) => {
    e.preventDefault();
    const problems: string[] = [];
    for (const lang of fileLangs) if (!files[lang]) problems.push(store.t('image.fileRequired', { lang }));
    if (!decorative && !alt[source]?.trim()) problems.push(store.t('image.altRequired', { lang: source }));
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      const paths: Record<string, string> = {};
      for (const lang of fileLangs) {
        const file = files[lang]!;
        paths[lang] = (await store.api.upload(file.name, file)).path;
      }
      const src = perLanguage ? paths : paths[source]!;
      const altTexts = Object.fromEntries(languages.filter((l) => alt[l]?.trim()).map((l) => [l, alt[l]!.trim()]));
      const block: Record<string, unknown> = { type: 'image', src };
      if (decorative) block.decorative = true;
      else block.alt = languages.length === 1 ? altTexts[source] : altTexts;
      const blocksPath = [...props.row.path, 'blocks'];
      const index = (getIn(store.files.get(props.row.file)?.data, blocksPath) as unknown[] | undefined)?.length ?? 0;
      const ok = await store.edit(props.row.file, [{ op: 'insert', path: blocksPath, index, value: block }], store.t('add.image'));
      if (ok) {
        props.onClose();
        store.expanded.add(props.row.key);
        await store.select(rowKey(props.row.file, [...blocksPath, index]));
        store.announce(store.t('image.added', { path: Object.values(paths).join(', ') }));
      }
    } catch (error) {
      setErrors([store.errorText(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={store.t('add.image')} onClose={props.onClose}>
      <form onSubmit={submit} aria-describedby={errors.length ? 'image-errors' : undefined}>
        {languages.length > 1 ? (
          <div class="field check-field">
            <input id="image-per-lang" type="checkbox" checked={perLanguage} onChange={(e) => setPerLanguage((e.currentTarget as HTMLInputElement).checked)} />
            <label for="image-per-lang">{store.t('image.perLanguage')}</label>
          </div>
        ) : null}
        {fileLangs.map((lang) => (
          <div class="field" key={lang}>
            <label for={`image-file-${lang}`}>{perLanguage ? store.t('image.fileLang', { lang }) : store.t('image.file')}</label>
            <input id={`image-file-${lang}`} type="file" accept={IMAGE_TYPES} onChange={(e) => setFiles({ ...files, [lang]: (e.currentTarget as HTMLInputElement).files?.[0] })} />
          </div>
        ))}
        <div class="field check-field">
          <input id="image-decorative" type="checkbox" checked={decorative} onChange={(e) => setDecorative((e.currentTarget as HTMLInputElement).checked)} aria-describedby="image-decorative-help" />
          <label for="image-decorative">{store.t('image.decorative')}</label>
          <p class="help" id="image-decorative-help">
            {store.t('image.decorativeHelp')}
          </p>
        </div>
        {!decorative ? (
          <fieldset class="field">
            <legend>{store.t('image.alt')}</legend>
            <p class="help">{store.t('image.altHelp')}</p>
            {languages.map((lang) => (
              <div class="lang-input" key={lang}>
                <label for={`image-alt-${lang}`}>
                  {store.t('image.alt')} <span class="lang-tag">({lang})</span>
                  {lang === source ? <span class="required"> {store.t('required')}</span> : null}
                </label>
                <input id={`image-alt-${lang}`} lang={lang} type="text" value={alt[lang] ?? ''} aria-required={lang === source} onInput={(e) => setAlt({ ...alt, [lang]: (e.currentTarget as HTMLInputElement).value })} />
              </div>
            ))}
          </fieldset>
        ) : null}
        {errors.length ? (
          <div id="image-errors" class="error" role="alert">
            <ul>
              {errors.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div class="dialog-buttons">
          <button type="submit" class="primary" disabled={busy}>
            {store.t('image.upload')}
          </button>
          <button type="button" onClick={props.onClose}>
            {store.t('cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
