/**
 * Plays a built SCORM 2004 package in a DOM (happy-dom) with scorm-again's Scorm2004API as the LMS,
 * wrapped by StrictScorm2004 and set up from the package's manifest as an LMS would (the completion
 * threshold). The SCORM 2004 counterpart of dom-lms.ts; the player starts from its source.
 */
import { Window } from 'happy-dom';
import * as scorm2004Module from 'scorm-again/scorm2004';
import { boot } from '../../src/player/boot.js';
import type { Player } from '../../src/player/core/player.js';
import type { PlayerData } from '../../src/player/core/types.js';
import { Scorm2004Tracker } from '../../src/player/tracking/scorm2004.js';
import type { BuiltPackage } from '../../src/package/build.js';
import { fileText } from './build.js';
import { runBlockScripts } from './block-scripts.js';
import { StrictScorm2004, type Scorm2004Runtime } from './strict-scorm2004.js';

/** The part of scorm-again's Scorm2004API the tests use (its typings declare a default export; the module has a named one). */
export interface Scorm2004API extends Scorm2004Runtime {
  cmi: Record<string, unknown>;
  loadFromJSON(json: Record<string, unknown>, element?: string): void;
  renderCMIToJSONObject(): { cmi: Record<string, unknown> };
}
const Scorm2004APIClass = (scorm2004Module as unknown as { Scorm2004API: new (settings: object) => Scorm2004API }).Scorm2004API;

export interface Launch2004 {
  window: Window;
  doc: Document;
  lms: Scorm2004API;
  api: StrictScorm2004;
  player: Player;
  data: PlayerData;
}

/** What the LMS read from the manifest and the launch: the threshold, and browse/review or no-credit launches. */
export interface LmsSetup {
  threshold?: string;
  mode?: 'normal' | 'browse' | 'review';
  credit?: 'credit' | 'no-credit';
}

/** The `adlcp:completionThreshold` of a built package, as Moodle reads it (the element's text). */
export function manifestThreshold(pkg: BuiltPackage): string {
  return /<adlcp:completionThreshold[^>]*>([^<]*)</.exec(fileText(pkg, 'imsmanifest.xml'))?.[1] ?? '';
}

export function newLms2004(setup: LmsSetup = {}, saved?: Record<string, unknown>): Scorm2004API {
  const lms = new Scorm2004APIClass({ logLevel: 5, autocommit: false });
  if (saved) lms.loadFromJSON(saved, '');
  const cmi = lms.cmi;
  cmi.learner_id = 'learner-1';
  cmi.learner_name = 'Learner, Test';
  if (!saved) cmi.entry = 'ab-initio';
  if (setup.threshold) cmi.completion_threshold = setup.threshold;
  if (setup.mode) cmi.mode = setup.mode;
  if (setup.credit) cmi.credit = setup.credit;
  return lms;
}

/** Saved CMI for a relaunch after exit=suspend: everything the LMS kept (interactions too, as Moodle does), with entry=resume. */
export function resumeData2004(lms: Scorm2004API): Record<string, unknown> {
  const cmi = structuredClone(lms.renderCMIToJSONObject().cmi) as Record<string, unknown>;
  cmi.entry = 'resume';
  delete cmi.session_time;
  delete cmi.exit;
  return cmi;
}

/** `api: false` exposes no API_1484_11; `globals` are set on the window before the player starts. */
export async function launch2004(
  pkg: BuiltPackage,
  lms: Scorm2004API = newLms2004({ threshold: manifestThreshold(pkg) }),
  opts: { api?: boolean; globals?: Record<string, unknown>; wrap?: (lms: Scorm2004API) => StrictScorm2004 } = {},
): Promise<Launch2004> {
  const window = new Window({
    url: 'http://127.0.0.1/pkg/index.html',
    settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, handleDisabledFileLoadingAsSuccess: true, navigator: { userAgent: 'coursepack-test' } } as never,
  });
  const doc = window.document as unknown as Document;
  doc.write(fileText(pkg, 'index.html'));
  const api = opts.wrap ? opts.wrap(lms) : new StrictScorm2004(lms);
  Object.assign(window, opts.globals ?? {});
  if (opts.api !== false) (window as unknown as Record<string, unknown>).API_1484_11 = api;
  runBlockScripts(window, pkg);
  const player = await boot(window as unknown as globalThis.Window, (data) => new Scorm2004Tracker(window as unknown as globalThis.Window, data));
  return { window, doc, lms, api, player, data: player.data };
}

/** Every interaction written, by index, field by field (last write wins). */
export function interactions2004(values: Map<string, string>): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  for (const [key, value] of values) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(key);
    if (m) (out[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return out;
}
