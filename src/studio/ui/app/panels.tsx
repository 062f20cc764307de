/** The problems list (diagnostics of `check`), the build screen, and the conflict dialog. */
import { useState } from 'preact/hooks';
import type { BuildResult, Diagnostic } from './api.js';
import { Dialog } from './dialog.js';
import { fieldId } from './fields.js';
import { useStore, type Store } from './store.js';
import { rowFor } from './tree-model.js';

/** Opens the node a diagnostic concerns and puts focus on its field (or the form). */
async function goTo(store: Store, d: Diagnostic): Promise<void> {
  const row = rowFor(store.rows, d.file, d.yamlPath ?? []);
  if (!row) return;
  store.screen = 'structure';
  await store.select(row.key);
  setTimeout(() => {
    const target = (d.yamlPath && (document.getElementById(fieldId(d.file, d.yamlPath)) ?? document.querySelector<HTMLElement>(`[id^="${fieldId(d.file, d.yamlPath)}-"]`))) || document.getElementById('editor-title');
    if (target instanceof HTMLElement) {
      if (!target.matches('input,select,textarea,button')) target.tabIndex = -1;
      target.focus();
    }
  }, 50);
}

export function DiagnosticList(props: { list: Diagnostic[] }) {
  const store = useStore();
  if (!props.list.length) return <p>{store.t('problems.none')}</p>;
  return (
    <ul class="diagnostics">
      {props.list.map((d, i) => (
        <li key={i} class={`sev-${d.severity}`}>
          <button type="button" class="link" onClick={() => void goTo(store, d)}>
            {d.file}:{d.line}:{d.column}
          </button>{' '}
          <span class="sev">{store.t(`severity.${d.severity}`)}</span> {d.message} <code>[{d.code}]</code>
          {d.hint ? <p class="hint">{d.hint}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function Problems() {
  const store = useStore();
  return (
    <section class="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">{store.t('problems')}</h2>
      <button type="button" onClick={() => void store.refreshDiagnostics()}>
        {store.t('problems.recheck')}
      </button>
      <DiagnosticList list={store.diagnostics} />
    </section>
  );
}

/** A size in kilobytes, as the interface language writes it (12,3 Ko in French). */
const kb = (store: Store, bytes: number) => store.t('build.kb', { size: store.number(bytes / 1024, 1) });

export function Build() {
  const store = useStore();
  const [result, setResult] = useState<BuildResult | null>(null);
  const [busy, setBusy] = useState(false);
  const build = async () => {
    setBusy(true);
    store.announce(store.t('build.running'));
    try {
      const r = await store.api.build();
      setResult(r);
      const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
      store.announce(r.ok ? store.t('build.done', { count: r.packages.length }) : store.t('build.failed', { count: errors }));
    } catch (error) {
      store.announce(store.t('error.save', { message: store.errorText(error) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="build" aria-labelledby="build-title">
      <h2 id="build-title">{store.t('build')}</h2>
      <p>{store.t('build.help')}</p>
      <button type="button" class="primary" disabled={busy} aria-busy={busy} onClick={() => void build()}>
        {store.t('build.start')}
      </button>
      {result ? (
        <>
          <h3>{result.ok ? store.t('build.packages') : store.t('build.errors')}</h3>
          {result.packages.length ? (
            <table class="packages">
              <thead>
                <tr>
                  <th scope="col">{store.t('build.file')}</th>
                  <th scope="col">{store.t('build.target')}</th>
                  <th scope="col">{store.t('build.lang')}</th>
                  <th scope="col">{store.t('build.size')}</th>
                </tr>
              </thead>
              <tbody>
                {result.packages.map((p) => (
                  <tr key={p.path}>
                    <td>{p.path}</td>
                    <td>{p.target}</td>
                    <td>{p.lang}</td>
                    <td>{kb(store, p.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {result.diagnostics.length ? <DiagnosticList list={result.diagnostics} /> : null}
        </>
      ) : null}
    </section>
  );
}

export function ConflictDialog() {
  const store = useStore();
  const c = store.conflict;
  if (!c) return null;
  return (
    <Dialog title={store.t('conflict.title')} onClose={() => store.keepTheirs()} role="alertdialog" className="conflict">
      <p>{store.t('conflict.explain', { file: c.file, what: c.what })}</p>
      <div class="conflict-sides">
        <div>
          <h3 id="theirs-title">{store.t('conflict.theirs')}</h3>
          <pre aria-labelledby="theirs-title" class="theirs" tabIndex={0}>{c.theirs}</pre>
        </div>
        <div>
          <h3 id="yours-title">{store.t('conflict.yours')}</h3>
          <pre aria-labelledby="yours-title" class="yours" tabIndex={0}>{c.yours}</pre>
        </div>
      </div>
      <div class="dialog-buttons">
        <button type="button" onClick={() => store.keepTheirs()}>
          {store.t('conflict.keepTheirs')}
        </button>
        <button type="button" class="primary" onClick={() => void c.applyMine()}>
          {store.t('conflict.applyMine')}
        </button>
      </div>
    </Dialog>
  );
}
