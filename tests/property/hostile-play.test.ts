/**
 * Generated courses (course-arbitrary.ts, issue 15's blocks with hostile texts) played in a DOM:
 * each SCORM 1.2 package that builds is launched in happy-dom against scorm-again behind the
 * strict wrapper (LMS-RULES.md), its block scripts run as in a browser, and every block is
 * operated: accordion sections opened and closed, tabs selected by click and by arrow keys, cards
 * turned, the stepper stepped forward and back, every hotspot opened and closed (Escape too),
 * transcripts opened, media played to the end, every scenario walked along generated choices
 * (restarts included). No block fails to start, nothing throws, no LMS rule is broken, and the
 * saved state stays within SCORM 1.2's 4096 characters; relaunched with what the LMS kept, every
 * scenario resumes at the node it was left at.
 *
 * Seeded like the other property tests (tests/README.md): COURSEPACK_PROPERTY_RUNS, COURSEPACK_PROPERTY_SEED.
 */
import fc from 'fast-check';
import { Window } from 'happy-dom';
import * as scorm12Module from 'scorm-again/scorm12';
import { describe, expect, it, vi } from 'vitest';
import type { BuiltPackage } from '../../src/package/build.js';
import { buildInMemory, fileText } from '../support/build.js';
import { runBlockScripts } from '../support/block-scripts.js';
import { newLms, resumeData, settle, type Scorm12API } from '../support/dom-lms.js';
import { StrictScorm12 } from '../support/strict-scorm12.js';
import { testdir } from '../support/testdir.js';
import { boot } from '../../src/player/boot.js';
import { Scorm12Tracker } from '../../src/player/tracking/scorm12.js';
import { mediaFiles } from './block-arbitrary.js';
import { courseArb } from './course-arbitrary.js';

void scorm12Module;
const RUNS = Number(process.env.COURSEPACK_PROPERTY_RUNS ?? 5) * 2;
const SEED = Number(process.env.COURSEPACK_PROPERTY_SEED ?? 1313);

type El = HTMLElement;
const all = (doc: Document, selector: string) => Array.from(doc.querySelectorAll<El>(selector));
const key = (el: Element, k: string) => el.dispatchEvent(new (el.ownerDocument.defaultView as unknown as typeof globalThis).KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));

/** Operates every block of the page once as a learner would; `walk` picks the scenario choices. */
async function operate(doc: Document, walk: number[]): Promise<void> {
  for (const b of all(doc, '.cp-accordion-button')) {
    b.click();
    key(b, 'ArrowDown');
    key(b, 'End');
    b.click();
  }
  for (const tab of all(doc, '[role="tab"]')) {
    tab.click();
    key(tab, 'ArrowRight');
    key(tab, 'Home');
    key(tab, 'End');
  }
  for (const turn of all(doc, '.cp-card-turn')) turn.click();
  for (const next of all(doc, '.cp-step-next')) {
    for (let i = 0; i < 13 && !(next as HTMLButtonElement).disabled; i++) next.click();
    next.closest('.cp-stepper')?.querySelector<El>('.cp-step-previous')?.click();
  }
  for (const marker of all(doc, '.cp-hotspot')) {
    marker.click();
    key(marker, 'Escape');
    marker.click();
    marker.closest('.cp-hotspots')?.querySelector<El>('.cp-hotspot-close')?.click();
  }
  for (const toggle of all(doc, '.cp-transcript-toggle')) toggle.click();
  for (const media of all(doc, 'video, audio')) for (const type of ['play', 'timeupdate', 'pause', 'seeked', 'play', 'ended']) media.dispatchEvent(new (doc.defaultView as unknown as typeof globalThis).Event(type));
  for (const scenario of all(doc, '.cp-scenario[data-scenario-id]')) {
    for (const pick of walk) {
      const options = Array.from(scenario.querySelectorAll<El>('.cp-scenario-option'));
      if (options.length) options[pick % options.length]!.click();
      await settle();
      // Continue after a choice, or Restart at an ending.
      scenario.querySelector<El>('.cp-scenario-action')?.click();
      await settle();
    }
  }
}

/** Where each scenario of the page is: the node shown. */
const nodes = (doc: Document) => all(doc, '.cp-scenario[data-scenario-id]').map((s) => s.querySelector<El>('.cp-scenario-current')?.dataset.nodeId);

/** Launches the package in happy-dom against `lms` behind the strict wrapper, its block scripts first; errors are collected, not thrown. */
async function start(pkg: BuiltPackage, lms: Scorm12API) {
  const window = new Window({
    url: 'http://127.0.0.1/pkg/index.html',
    settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, handleDisabledFileLoadingAsSuccess: true } as never,
  });
  const errors: string[] = [];
  (window.console as unknown as { error: (...a: unknown[]) => void }).error = (...a: unknown[]) => errors.push(a.map(String).join(' '));
  window.addEventListener('error', (e) => errors.push(String((e as unknown as { error?: unknown }).error ?? e)));
  // The player runs from its sources here, in Node: a block that fails to mount says so on Node's console.
  const nodeConsole = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void errors.push(a.map(String).join(' ')));
  const doc = window.document as unknown as Document;
  doc.write(fileText(pkg, 'index.html'));
  const api = new StrictScorm12(lms);
  (window as unknown as Record<string, unknown>).API = api;
  runBlockScripts(window, pkg);
  const player = await boot(window as unknown as globalThis.Window, (data) => new Scorm12Tracker(window as unknown as globalThis.Window, data.status, data.tracking?.checks, data.tracking?.scenarios));
  await settle();
  return {
    doc,
    api,
    lms,
    player,
    errors,
    close: async () => {
      nodeConsole.mockRestore();
      await window.happyDOM.abort();
      window.close();
    },
  };
}

describe('generated courses played in a DOM against a strict SCORM 1.2 LMS', () => {
  it('every block of issue 15 operated: no block fails, nothing throws, no LMS rule broken, the state fits', async () => {
    let played = 0;
    await fc.assert(
      fc.asyncProperty(courseArb('accepted'), fc.array(fc.nat(5), { minLength: 1, maxLength: 90 }), async (files, walk) => {
        const dir = testdir({ ...mediaFiles(), ...files });
        const lang = (files['course.yaml'] as string).match(/languages:\n\s+- (\S+)/)![1]!;
        const result = await buildInMemory(dir, { targets: ['scorm12'], langs: [lang] });
        const pkg = result.packages[0];
        // Too large for SCORM 1.2 (state-too-large, response-too-long): hostile-strings.test.ts covers that.
        if (!pkg) return;
        played++;
        const first = await start(pkg, newLms());
        try {
          for (const el of all(first.doc, '[data-cp-block]')) expect(el.dataset.cpMounted, el.getAttribute('data-cp-block')!).toBe('true');
          await operate(first.doc, walk);
          const at = nodes(first.doc);
          first.player.finish();
          await settle();
          expect(first.errors).toEqual([]);
          expect(first.api.violations).toEqual([]);
          // Relaunched with what the LMS kept: every scenario resumes at the node it was left at.
          const second = await start(pkg, newLms(resumeData(first.lms)));
          try {
            expect(nodes(second.doc)).toEqual(at);
            expect(second.errors).toEqual([]);
            expect(second.api.violations).toEqual([]);
          } finally {
            await second.close();
          }
        } finally {
          await first.close();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(played).toBeGreaterThanOrEqual(Math.ceil(RUNS / 2));
  }, 60_000 + RUNS * 5_000);
});
