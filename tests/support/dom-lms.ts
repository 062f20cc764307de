/**
 * Plays a built package in a DOM (happy-dom) with scorm-again's Scorm12API as the LMS, wrapped by
 * StrictScorm12. The player is started from its source (src/player/boot.ts) on the package's real
 * index.html; the real browser suite (tests/e2e) runs the bundled player.js instead.
 */
import { Window } from 'happy-dom';
import * as scorm12Module from 'scorm-again/scorm12';
import { boot } from '../../src/player/boot.js';
import type { Player } from '../../src/player/core/player.js';
import type { PlayerData } from '../../src/player/core/types.js';
import { Scorm12Tracker } from '../../src/player/tracking/scorm12.js';
import type { BuiltPackage } from '../../src/package/build.js';
import { fileText } from './build.js';
import { runBlockScripts } from './block-scripts.js';
import { StrictScorm12, type ScormRuntime } from './strict-scorm12.js';

/** The part of scorm-again's Scorm12API the tests use (its typings declare a default export; the module has a named one). */
export interface Scorm12API extends ScormRuntime {
  cmi: { core: Record<string, unknown> };
  loadFromJSON(json: Record<string, unknown>, element?: string): void;
  renderCMIToJSONObject(): Record<string, unknown>;
}
const Scorm12APIClass = (scorm12Module as unknown as { Scorm12API: new (settings: object) => Scorm12API }).Scorm12API;

export interface Launch {
  window: Window;
  doc: Document;
  lms: Scorm12API;
  api: StrictScorm12;
  player: Player;
  data: PlayerData;
}

export function newLms(saved?: Record<string, unknown>): Scorm12API {
  const lms = new Scorm12APIClass({ logLevel: 5, autocommit: false });
  if (saved) {
    lms.loadFromJSON(saved, '');
  }
  lms.cmi.core.student_id = 'learner-1';
  lms.cmi.core.student_name = 'Learner, Test';
  return lms;
}

/** Saved CMI for a relaunch: everything the LMS kept, with entry=resume (as Moodle does after exit=suspend). */
export function resumeData(lms: Scorm12API): Record<string, unknown> {
  const json = lms.renderCMIToJSONObject() as { cmi: Record<string, unknown> };
  const cmi = structuredClone(json.cmi) as { core: Record<string, unknown>; interactions?: unknown };
  cmi.core.entry = 'resume';
  delete cmi.core.session_time;
  return { ...cmi, interactions: undefined };
}

export async function launch(pkg: BuiltPackage, lms: Scorm12API = newLms(), opts: { api?: boolean; wrap?: (lms: Scorm12API) => StrictScorm12 } = {}): Promise<Launch> {
  const window = new Window({
    url: 'http://127.0.0.1/pkg/index.html',
    settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, handleDisabledFileLoadingAsSuccess: true, navigator: { userAgent: 'coursepack-test' } } as never,
  });
  const doc = window.document as unknown as Document;
  doc.write(fileText(pkg, 'index.html'));
  const api = opts.wrap ? opts.wrap(lms) : new StrictScorm12(lms);
  if (opts.api !== false) (window as unknown as Record<string, unknown>).API = api;
  runBlockScripts(window, pkg);
  const player = await boot(window as unknown as globalThis.Window, (data) => new Scorm12Tracker(window as unknown as globalThis.Window, data.status, data.tracking?.checks, data.tracking?.scenarios));
  return { window, doc, lms, api, player, data: player.data };
}

/** Clicks like a learner (a real click event, bubbling). */
export function click(el: Element | null): void {
  if (!el) throw new Error('nothing to click');
  (el as HTMLElement).click();
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

/** Every SCORM 1.2 interaction written, by index, field by field (last write wins). */
export function interactions12(values: Map<string, string>): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const [key, value] of values) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(key);
    if (m) (out[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return out;
}
