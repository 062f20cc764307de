/**
 * The media block's script (src/player/blocks/media.ts) in a DOM, with the media events fired by
 * the test and the clock in its hands: what it records, what it holds back while a learner
 * scrubs, when it says the block is complete, and the transcript disclosure.
 */
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { BlockContext } from '../../src/player/blocks/contract.js';
import { mountMedia } from '../../src/player/blocks/media.js';
import type { MediaEvent } from '../../src/player/core/types.js';

const MARKUP = `<section class="cp-page" data-page-id="watch">
<figure class="cp-media" data-cp-block="video" data-media-id="talk" data-completion="watched">
<figcaption class="cp-media-title" id="mt-talk">A talk</figcaption>
<video controls preload="metadata"><source src="assets/talk.webm" type="video/webm"></video>
<div class="cp-transcript"><p class="cp-transcript-heading" id="th-talk">Transcript</p><div class="cp-transcript-body" id="tr-talk"><p>Words.</p></div></div>
</figure></section>`;

function setUp() {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = MARKUP;
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let nextId = 1;
  const win = {
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(nextId, { at: now + ms, fn });
      return nextId++;
    },
    clearTimeout: (id: number) => timers.delete(id),
  } as unknown as Window & typeof globalThis;
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      timers.delete(id);
      t.fn();
    }
  };
  const recorded: MediaEvent[] = [];
  const completed: HTMLElement[] = [];
  const context: BlockContext = {
    doc,
    win: win as unknown as globalThis.Window,
    strings: { transcript: 'Transcript' },
    readOnly: false,
    announce: () => {},
    record: (event) => {
      if (event.type !== 'media') throw new Error(`a media block recorded a ${event.type} event`);
      recorded.push(event);
    },
    complete: (root) => completed.push(root),
  };
  const root = doc.querySelector<HTMLElement>('.cp-media')!;
  const video = doc.querySelector<HTMLVideoElement>('video')!;
  const state: Record<string, number | boolean> = { currentTime: 0, duration: 10, paused: true, ended: false, seeking: false };
  for (const key of Object.keys(state)) Object.defineProperty(video, key, { configurable: true, get: () => state[key], set: (v: number | boolean) => (state[key] = v) });
  const fire = (type: string) => video.dispatchEvent(new window.Event(type) as unknown as Event);
  mountMedia('video', root, context);
  const actions = () => recorded.map((e) => e.action);
  const v = {
    play: () => ((state.paused = false), fire('play')),
    pause: () => ((state.paused = true), fire('pause')),
    to: (t: number) => ((state.currentTime = t), fire('timeupdate')),
    seek: (t: number) => ((state.seeking = true), fire('seeking'), (state.currentTime = t), (state.seeking = false), fire('seeked')),
  };
  return { doc, root, video, recorded, completed, advance, actions, v };
}

describe('media block script', () => {
  it('never autoplays; records nothing until the learner plays', () => {
    const { video, recorded, advance } = setUp();
    advance(5000);
    expect(video.autoplay).toBe(false);
    expect(recorded).toEqual([]);
  });

  it('a pause of a second or more is recorded once it lasted; a pause and play within a second are not', () => {
    const { v, actions, advance, recorded } = setUp();
    v.play();
    v.to(3);
    v.pause();
    advance(999);
    expect(actions()).toEqual(['initialized', 'played']);
    v.play(); // within the second: neither the pause nor this play
    advance(2000);
    expect(actions()).toEqual(['initialized', 'played']);
    v.to(4);
    v.pause();
    advance(1000);
    expect(actions()).toEqual(['initialized', 'played', 'paused']);
    expect(recorded[2]).toMatchObject({ time: 4, progress: 0.4, segments: '0.000[.]3.000[,]3.000[.]4.000', length: 10, media: { id: 'talk', kind: 'video', title: 'A talk', pageId: 'watch' } });
  });

  it('a run of seeks is one seeked statement, from where the learner left to where they stopped', () => {
    const { v, actions, advance, recorded } = setUp();
    v.play();
    v.to(2);
    for (const t of [5, 1, 7, 6]) {
      v.seek(t);
      advance(300);
    }
    expect(actions()).toEqual(['initialized', 'played']);
    advance(1000);
    expect(actions()).toEqual(['initialized', 'played', 'seeked']);
    expect(recorded[2]).toMatchObject({ timeFrom: 2, time: 6 });
  });

  it('completes once, within a second of the end while playing, and says so for completion: watched', () => {
    const { v, actions, completed, root, advance } = setUp();
    v.play();
    v.to(8.9);
    expect(completed).toEqual([]);
    v.to(9.1);
    expect(completed).toEqual([root]);
    v.to(9.9);
    advance(2000);
    expect(actions()).toEqual(['initialized', 'played', 'completed']);
  });

  it('seeking to the end while paused is not watching it', () => {
    const { v, completed } = setUp();
    v.seek(9.8);
    expect(completed).toEqual([]);
  });

  it('the transcript becomes a disclosure button (hidden at first), toggled by it', () => {
    const { doc } = setUp();
    const button = doc.querySelector<HTMLButtonElement>('.cp-transcript-toggle')!;
    const body = doc.getElementById('tr-talk')!;
    expect([button.textContent, button.getAttribute('aria-expanded'), button.getAttribute('aria-controls'), body.hidden]).toEqual(['Transcript', 'false', 'tr-talk', true]);
    button.click();
    expect([button.getAttribute('aria-expanded'), body.hidden]).toEqual(['true', false]);
    button.click();
    expect([button.getAttribute('aria-expanded'), body.hidden]).toEqual(['false', true]);
  });
});
