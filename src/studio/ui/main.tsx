/**
 * The studio's entry (bundled into studio.js): reads the session token from the URL, loads the
 * interface strings and the course, follows the server's events, draws the App.
 */
import { render } from 'preact';
import { StudioApi } from './app/api.js';
import { App } from './app/app.js';
import { pickLanguage } from './app/i18n.js';
import { createStore } from './app/store.js';

async function start(): Promise<void> {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const store = createStore(new StudioApi(token));
  const root = document.getElementById('studio') ?? document.body.appendChild(document.createElement('div'));
  await store.setLanguage(pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]));
  render(<App />, root);
  await store.load();
  if (!store.noCourse) await store.refreshDiagnostics().catch(() => undefined);
  const events = store.api.events();
  events.addEventListener('changed', (e) => {
    const { path, version } = JSON.parse((e as MessageEvent<string>).data) as { path: string; version: string };
    void store.fileChangedOnDisk(path, version);
  });
  events.addEventListener('diagnostics', (e) => {
    let list;
    try {
      list = (JSON.parse((e as MessageEvent<string>).data) as { diagnostics?: unknown }).diagnostics;
    } catch {
      list = undefined;
    }
    void store.refreshDiagnostics(Array.isArray(list) ? list : undefined);
  });
}

void start();
