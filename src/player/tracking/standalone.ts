/**
 * Standalone adapter: no LMS. Keeps the learner's state in this browser (localStorage), so the
 * plain web build and a package opened outside an LMS still resume. The player shows a notice.
 */
import type { Snapshot, StartInfo, Tracker } from './tracker.js';

export class StandaloneTracker implements Tracker {
  readonly name = 'standalone';
  private finished = false;

  constructor(
    private readonly storage: Storage | null,
    private readonly key: string,
  ) {}

  async start(): Promise<StartInfo> {
    type Saved = { state?: string; location?: string } | null;
    let saved: Saved = null;
    try {
      saved = JSON.parse(this.storage?.getItem(this.key) ?? 'null') as Saved;
    } catch {
      saved = null;
    }
    return { savedState: saved?.state ?? null, location: saved?.location ?? null, recorded: {}, mode: 'normal', credit: true };
  }

  async save(snapshot: Snapshot): Promise<void> {
    if (this.finished) return;
    try {
      this.storage?.setItem(this.key, JSON.stringify({ state: snapshot.state, location: snapshot.location, outcome: snapshot.outcome }));
    } catch {
      // Storage full or disabled (private mode): the course still works for this session.
    }
  }

  async record(): Promise<void> {}

  async finish(snapshot: Snapshot): Promise<void> {
    await this.save(snapshot);
    this.finished = true;
  }
}
