/** The first screen in an empty folder: a new course, as `coursepack new` makes it (`POST /api/new`). */
import { useState } from 'preact/hooks';
import { uniqueId } from './ops.js';
import { useStore } from './store.js';

export function NewCourse() {
  const store = useStore();
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [languages, setLanguages] = useState('en');
  const [error, setError] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const langs = languages.split(/[\s,]+/).filter(Boolean);
    const courseId = id.trim() || uniqueId(title, new Set(), 'course');
    if (!title.trim() || !langs.length) {
      setError(store.t('new.required'));
      return;
    }
    try {
      await store.api.newCourse(courseId, title.trim(), langs);
      await store.load();
      await store.refreshDiagnostics();
      store.announce(store.t('new.created', { title: title.trim() }));
    } catch (err) {
      setError(store.errorText(err));
    }
  };
  return (
    <main id="main" class="new-course" tabIndex={-1}>
      <h1>{store.t('new.title')}</h1>
      <p>{store.t('new.intro')}</p>
      <form onSubmit={submit}>
        <div class="field">
          <label for="new-title">{store.t('new.courseTitle')}</label>
          <input id="new-title" type="text" value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="new-id">{store.t('new.id')}</label>
          <p class="help" id="new-id-help">{store.t('new.idHelp')}</p>
          <input id="new-id" type="text" value={id} placeholder={uniqueId(title, new Set(), 'course')} aria-describedby="new-id-help" onInput={(e) => setId((e.currentTarget as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="new-langs">{store.t('new.languages')}</label>
          <p class="help" id="new-langs-help">{store.t('new.languagesHelp')}</p>
          <input id="new-langs" type="text" value={languages} aria-describedby="new-langs-help" onInput={(e) => setLanguages((e.currentTarget as HTMLInputElement).value)} />
        </div>
        {error ? <p class="error" role="alert">{error}</p> : null}
        <button type="submit" class="primary">{store.t('new.create')}</button>
      </form>
    </main>
  );
}
