/**
 * Launches a built xAPI or cmi5 package the way an LMS does: the package's real index.html in a
 * DOM (happy-dom) at the content origin, with the launch parameters in the URL; the player is
 * started from source (src/player/boot.ts) with the real tracker, and its fetch reaches the test
 * host over HTTP (cross-origin). Every fetch is recorded, with its keepalive flag.
 */
import { randomUUID } from 'node:crypto';
import { Window } from 'happy-dom';
import { boot } from '../../../src/player/boot.js';
import type { Player } from '../../../src/player/core/player.js';
import type { PlayerData } from '../../../src/player/core/types.js';
import { Cmi5Tracker } from '../../../src/player/tracking/cmi5.js';
import { XapiTracker } from '../../../src/player/tracking/xapi.js';
import type { LrsOptions } from '../../../src/player/tracking/xapi-session.js';
import type { BuiltPackage } from '../../../src/package/build.js';
import { fileText } from '../../support/build.js';
import { runBlockScripts } from '../../support/block-scripts.js';
import type { LmsHost } from './host.js';

export interface FetchCall {
  url: string;
  method: string;
  keepalive: boolean;
  body?: string;
}

export interface Launched<T> {
  window: Window;
  doc: Document;
  player: Player;
  tracker: T;
  data: PlayerData;
  fetches: FetchCall[];
  /** The learner closes the tab: pagehide. */
  close(): void;
}

export const ACTOR = { objectType: 'Agent', account: { homePage: 'https://lms.example.org', name: 'learner-1' }, name: 'Test Learner' };

/** Options that keep retries quick in tests (the defaults are 1 s doubling to 60 s). */
export const FAST: LrsOptions = { baseDelayMs: 100, maxDelayMs: 400, timeoutMs: 3000 };

function newWindow(url: string, storage?: Record<string, string>): Window {
  const window = new Window({
    url,
    settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, handleDisabledFileLoadingAsSuccess: true, navigator: { userAgent: 'coursepack-test' } } as never,
  });
  for (const [k, v] of Object.entries(storage ?? {})) window.localStorage.setItem(k, v);
  return window;
}

/** Copies a window's localStorage (the same browser profile on a relaunch). */
export function storageOf(window: Window): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < window.localStorage.length; i++) {
    const key = window.localStorage.key(i)!;
    out[key] = window.localStorage.getItem(key)!;
  }
  return out;
}

async function start<T extends XapiTracker | Cmi5Tracker>(pkg: BuiltPackage, host: LmsHost, query: string, make: (w: globalThis.Window, d: PlayerData) => T, storage?: Record<string, string>): Promise<Launched<T>> {
  const window = newWindow(`${host.contentOrigin}/pkg/index.html?${query}`, storage);
  const doc = window.document as unknown as Document;
  doc.write(fileText(pkg, 'index.html'));
  const fetches: FetchCall[] = [];
  const original = window.fetch.bind(window);
  (window as unknown as { fetch: typeof fetch }).fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    fetches.push({ url: String(input), method: init?.method ?? 'GET', keepalive: init?.keepalive === true, ...(typeof init?.body === 'string' ? { body: init.body } : {}) });
    return original(input as never, init as never);
  }) as unknown as typeof fetch;
  runBlockScripts(window, pkg);
  let tracker: T | undefined;
  const player = await boot(window as unknown as globalThis.Window, (data) => (tracker = make(window as unknown as globalThis.Window, data)));
  return {
    window,
    doc,
    player,
    tracker: tracker!,
    data: player.data,
    fetches,
    close: () => window.dispatchEvent(new window.Event('pagehide')),
  };
}

export interface XapiLaunch {
  registration: string;
  activityId: string;
  auth: string;
  endpoint?: string;
  /** Another learner than ACTOR (the report tests simulate many). */
  actor?: Record<string, unknown>;
}

/** A Tin Can launch as mod_tincanlaunch makes it (endpoint, auth, actor, registration, activity_id). */
export function launchXapi(pkg: BuiltPackage, host: LmsHost, launch: XapiLaunch, options: LrsOptions = FAST, storage?: Record<string, string>) {
  host.auths.add(launch.auth);
  const query = new URLSearchParams({
    endpoint: launch.endpoint ?? host.endpoint,
    auth: launch.auth,
    actor: JSON.stringify(launch.actor ?? ACTOR),
    registration: launch.registration,
    activity_id: launch.activityId,
  });
  return start(pkg, host, query.toString(), (w, d) => new XapiTracker(w, d, options), storage);
}

export interface Cmi5Launch {
  registration: string;
  /** The LMS-generated AU activity id. */
  activityId: string;
  /** The AU's publisher id (cmi5.xml au@id). */
  publisherId: string;
  launchMode?: 'Normal' | 'Browse' | 'Review';
  masteryScore?: number;
  moveOn?: string;
  launchParameters?: string;
  returnURL?: string;
  /** Another learner than ACTOR (the report tests simulate several). */
  actor?: Record<string, unknown>;
}

/** A cmi5 launch: the LMS writes LMS.LaunchData (with a new session id), then opens the AU with a fresh fetch URL. */
export function launchCmi5(pkg: BuiltPackage, host: LmsHost, launch: Cmi5Launch, options: LrsOptions = FAST, storage?: Record<string, string>) {
  const sessionId = randomUUID();
  const actor = launch.actor ?? ACTOR;
  host.setState(launch.activityId, actor, launch.registration, 'LMS.LaunchData', {
    contextTemplate: {
      contextActivities: { grouping: [{ objectType: 'Activity', id: launch.publisherId }] },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': sessionId },
    },
    launchMode: launch.launchMode ?? 'Normal',
    moveOn: launch.moveOn ?? 'CompletedAndPassed',
    ...(launch.masteryScore !== undefined ? { masteryScore: launch.masteryScore } : {}),
    ...(launch.launchParameters !== undefined ? { launchParameters: launch.launchParameters } : {}),
    ...(launch.returnURL ? { returnURL: launch.returnURL } : {}),
  });
  const query = new URLSearchParams({
    endpoint: host.endpoint,
    fetch: host.fetchUrl(),
    actor: JSON.stringify(actor),
    registration: launch.registration,
    activityId: launch.activityId,
  });
  return start(pkg, host, query.toString(), (w, d) => new Cmi5Tracker(w, d, options), storage).then((l) => ({ ...l, sessionId }));
}
