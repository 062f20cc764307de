/** Reads the course data from the page and starts the player with the given tracker. */
import { Player } from './core/player.js';
import type { PlayerData } from './core/types.js';
import { StandaloneTracker } from './tracking/standalone.js';
import type { Tracker } from './tracking/tracker.js';

export function readPlayerData(doc: Document): PlayerData {
  return JSON.parse(doc.getElementById('cp-data')?.textContent ?? '{}') as PlayerData;
}

export function standaloneFor(win: Window, data: PlayerData): StandaloneTracker {
  let storage: Storage | null = null;
  try {
    storage = win.localStorage;
  } catch {
    storage = null;
  }
  return new StandaloneTracker(storage, `coursepack:${data.id}:${data.lang}`);
}

export async function boot(win: Window, makeTracker: (data: PlayerData) => Tracker): Promise<Player> {
  const data = readPlayerData(win.document);
  const player = new Player(win, data, makeTracker(data));
  await player.start(() => standaloneFor(win, data));
  return player;
}
