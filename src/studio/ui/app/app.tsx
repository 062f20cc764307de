/** The studio's page: header (screens, undo/redo, interface language), the current screen, the live region. */
import { useEffect } from 'preact/hooks';
import { Editor, Preview } from './editor.js';
import { UI_LANGUAGES } from './i18n.js';
import { Languages } from './languages.js';
import { NewCourse } from './new-course.js';
import { Build, ConflictDialog, Problems } from './panels.js';
import { useStore, type Screen, type Store } from './store.js';
import { StructureTree } from './tree.js';

const SCREENS: Screen[] = ['structure', 'languages', 'problems', 'build'];

function editable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) outside text fields, where the browser's own text undo stays. */
export function shortcuts(store: Store): (e: KeyboardEvent) => void {
  return (e) => {
    if (!(e.ctrlKey || e.metaKey) || editable(e.target) || store.conflict) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) void store.undoRedo('undo');
    else if ((key === 'z' && e.shiftKey) || key === 'y') void store.undoRedo('redo');
    else return;
    e.preventDefault();
  };
}

function Header() {
  const store = useStore();
  const problems = store.diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <header class="top">
      <a class="skip" href="#main">
        {store.t('skip')}
      </a>
      <h1>
        {store.t('appName')}
        {store.info ? <span class="course-name"> — <span lang={store.sourceLanguage}>{store.info.course.title}</span></span> : null}
      </h1>
      {store.info ? (
      <>
      <nav aria-label={store.t('screens')}>
        <ul>
          {SCREENS.map((s) => (
            <li key={s}>
              <button
                type="button"
                aria-current={store.screen === s ? 'page' : undefined}
                onClick={() => {
                  store.screen = s;
                  store.changed();
                  document.getElementById('main')?.focus();
                }}
              >
                {store.t(s)}
                {s === 'problems' && problems ? ` (${problems})` : ''}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div class="history" role="group" aria-label={store.t('history')}>
        <button type="button" onClick={() => void store.undoRedo('undo')} aria-keyshortcuts="Control+Z">
          {store.t('undo')}
        </button>
        <button type="button" onClick={() => void store.undoRedo('redo')} aria-keyshortcuts="Control+Shift+Z">
          {store.t('redo')}
        </button>
      </div>
      </>
      ) : null}
      <div class="ui-lang">
        <label for="ui-lang">{store.t('interfaceLanguage')}</label>
        <select id="ui-lang" value={store.uiLang} onChange={(e) => void store.setLanguage((e.currentTarget as HTMLSelectElement).value)}>
          {UI_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l}>
              {l === 'en' ? 'English' : 'Français'}
            </option>
          ))}
        </select>
      </div>
    </header>
  );
}

function Status() {
  const store = useStore();
  return (
    <div class="status" role="status" aria-live="polite">
      {store.message}
    </div>
  );
}

export function App() {
  const store = useStore();
  useEffect(() => {
    const onKey = shortcuts(store);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  let body;
  if (store.loadError) body = <main id="main" tabIndex={-1}><p class="error" role="alert">{store.t('error.load', { message: store.loadError })}</p></main>;
  else if (store.noCourse) body = <NewCourse />;
  else if (!store.info) body = <main id="main" tabIndex={-1}><p>{store.t('loading')}</p></main>;
  else
    body = (
      <main id="main" tabIndex={-1} class={`screen-${store.screen}`}>
        {store.screen === 'structure' ? (
          <div class="workspace">
            <StructureTree />
            <Editor />
            <Preview />
          </div>
        ) : store.screen === 'languages' ? (
          <Languages />
        ) : store.screen === 'problems' ? (
          <Problems />
        ) : (
          <Build />
        )}
      </main>
    );
  return (
    <>
      <Header />
      {body}
      <Status />
      <ConflictDialog />
    </>
  );
}
