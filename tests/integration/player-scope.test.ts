/**
 * The player honours what the LMS decides at launch: one part of the course (a cmi5 AU per module)
 * and the LMS's passing score. The tracker here is a test double standing in for the cmi5 launch
 * (the real flow, against a real LRS, is in tests/lrs/cmi5.test.ts); the page is the built package.
 */
import { Window } from 'happy-dom';
import { beforeAll, describe, expect, it } from 'vitest';
import { boot } from '../../src/player/boot.js';
import type { Snapshot, StartInfo, Tracker } from '../../src/player/tracking/tracker.js';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildPackage, COUNSELLOR, fileText } from '../support/build.js';
import { settle } from '../support/dom-lms.js';
import { next, takeAssessment, visiblePage } from '../support/learner.js';

class LaunchDouble implements Tracker {
  readonly name = 'launch double';
  saved: Snapshot[] = [];
  constructor(private readonly info: Partial<StartInfo>) {}
  async start(): Promise<StartInfo> {
    return { savedState: null, location: null, recorded: {}, mode: 'normal', credit: true, ...this.info };
  }
  async save(snapshot: Snapshot): Promise<void> {
    this.saved.push(snapshot);
  }
  async record(): Promise<void> {}
  async finish(): Promise<void> {}
}

let pkg: BuiltPackage;
beforeAll(async () => {
  pkg = await buildPackage(COUNSELLOR, 'web', 'en');
});

async function start(info: Partial<StartInfo>) {
  const window = new Window({ url: 'http://127.0.0.1/pkg/index.html', settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, handleDisabledFileLoadingAsSuccess: true } as never });
  const doc = window.document as unknown as Document;
  doc.write(fileText(pkg, 'index.html'));
  const tracker = new LaunchDouble(info);
  const player = await boot(window as unknown as globalThis.Window, () => tracker);
  return { doc, player, tracker };
}

describe('launch decisions from the LMS', () => {
  it('limits navigation and the menu to the part launched', async () => {
    const probe = await start({});
    const module2 = probe.player.data.pages.filter((p) => p.module === 1).map((p) => p.id);
    const { doc, player } = await start({ scope: module2, location: module2[0]! });
    expect(player.order).toEqual(module2);
    expect(visiblePage(doc)).toBe(module2[0]);
    for (let i = 0; i < module2.length + 3; i++) await next(doc);
    expect(visiblePage(doc)).toBe(module2[module2.length - 1]);
    expect((doc.getElementById('cp-next') as HTMLButtonElement).disabled).toBe(true);
    const shown = Array.from(doc.querySelectorAll<HTMLElement>('.cp-menu a[data-page-link]')).filter((a) => !a.closest('[hidden]')).map((a) => a.dataset.pageLink);
    expect(shown).toEqual(module2);
  });

  it("judges the assessment against the LMS's passing score", async () => {
    const { doc, player, tracker } = await start({ passingScore: 50 });
    const id = player.data.assessments[0]!.id;
    expect(player.data.assessments[0]!.passingScore).toBe(50);
    await player.show(id);
    await takeAssessment(doc, player.data, 7, id);
    await settle();
    const last = tracker.saved[tracker.saved.length - 1]!;
    expect(last.outcome.score).toBeGreaterThanOrEqual(50);
    expect(last.outcome.score).toBeLessThan(80);
    expect(last.outcome.success).toBe('passed');
  });
});
