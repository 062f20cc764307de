/**
 * What video and audio blocks do in the player (issue 15); `video.ts` and `audio.ts` register it
 * for their kind. The template renders native controls, caption tracks and the transcript, which
 * work and print without this script. The script:
 *
 * - turns the transcript into a disclosure (WAI-ARIA Authoring Practices, Disclosure pattern:
 *   https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/): a button with `aria-expanded` and
 *   `aria-controls` shows and hides it; print shows it whatever its state (player.css);
 * - records what the learner does in the words of the xAPI Video Profile (`MediaEvent`):
 *   initialized at the first play, played, paused, seeked, completed at the end, with the played
 *   segments and progress. Scrubbing cannot flood the LRS: a pause followed by a play within one
 *   second sends neither, and a run of seeks sends one `seeked` one second after the last;
 * - says when a `completion: watched` media has played to its end (the `ended` event, or the
 *   playhead within one second of the end while playing), so the page then counts as viewed;
 * - pauses the media when its page is hidden (the learner moved to another page).
 *
 * Never autoplay. Cue text reaches the page only through `<track>`: the browser renders cues
 * itself, interpreting WebVTT tags such as <b> but never running scripts (cue text is not HTML).
 */
import type { BlockContext } from './contract.js';
import type { MediaEvent } from '../core/types.js';

/** A pause and a play (or a run of seeks) closer together than this make no statement. */
const SETTLE_MS = 1000;
/** More played segments than this are merged, so statements stay small however much a learner skips. */
const MAX_SEGMENTS = 50;

type Segment = [number, number];

export function mountMedia(kind: 'video' | 'audio', root: HTMLElement, context: BlockContext): void {
  setUpTranscript(root, context);
  const media = root.querySelector<HTMLMediaElement>(kind);
  if (!media) return;
  media.autoplay = false;
  const pageId = root.closest<HTMLElement>('.cp-page')?.dataset.pageId ?? '';
  const info = { id: root.dataset.mediaId ?? '', kind, title: root.querySelector('.cp-media-title')?.textContent?.trim() ?? '', pageId };
  const win = context.win;

  let segments: Segment[] = [];
  let openAt: number | null = null;
  let lastTime = 0;
  let initialized = false;
  let completed = false;
  let pauseTimer: number | null = null;
  let seekTimer: number | null = null;
  let seekFrom: number | null = null;

  const length = () => (Number.isFinite(media.duration) ? media.duration : 0);
  const closeSegment = (at: number) => {
    if (openAt !== null && at > openAt) segments.push([openAt, at]);
    openAt = null;
    if (segments.length > MAX_SEGMENTS) segments = merged(segments);
  };
  const event = (action: MediaEvent['action'], extra: Partial<MediaEvent> = {}): MediaEvent => {
    const live = openAt !== null && media.currentTime > openAt ? [...segments, [openAt, media.currentTime] as Segment] : segments;
    const played = merged(live).reduce((sum, [a, b]) => sum + (b - a), 0);
    return {
      type: 'media',
      action,
      media: info,
      time: media.currentTime,
      progress: length() > 0 ? Math.min(1, played / length()) : 0,
      segments: live.map(([a, b]) => `${a.toFixed(3)}[.]${b.toFixed(3)}`).join('[,]'),
      length: length(),
      ...extra,
    };
  };
  const send = (action: MediaEvent['action'], extra?: Partial<MediaEvent>) => context.record(event(action, extra));
  const clear = (timer: number | null) => {
    if (timer !== null) win.clearTimeout(timer);
    return null;
  };

  const finish = (): void => {
    if (completed) return;
    completed = true;
    if (openAt !== null) closeSegment(Math.max(media.currentTime, lastTime));
    pauseTimer = clear(pauseTimer);
    const playedMs = Math.round(merged(segments).reduce((sum, [a, b]) => sum + (b - a), 0) * 1000);
    send('completed', { playedMs });
    if (media.ended === false && !media.paused) openAt = media.currentTime;
    if (root.dataset.completion) context.complete(root);
  };

  media.addEventListener('play', () => {
    if (!initialized) {
      initialized = true;
      const showing = Array.from(media.textTracks ?? []).find((t) => t.mode === 'showing');
      send('initialized', showing?.language ? { captions: showing.language } : {});
    }
    openAt = media.currentTime;
    // Paused and played again within a second: neither is worth a statement.
    if (pauseTimer !== null) pauseTimer = clear(pauseTimer);
    else send('played');
  });
  media.addEventListener('pause', () => {
    closeSegment(media.currentTime);
    if (media.ended) return;
    pauseTimer = clear(pauseTimer);
    const at = event('paused');
    pauseTimer = win.setTimeout(() => {
      pauseTimer = null;
      context.record(at);
    }, SETTLE_MS);
  });
  media.addEventListener('seeking', () => {
    if (openAt !== null) closeSegment(lastTime);
    seekFrom ??= lastTime;
    seekTimer = clear(seekTimer);
  });
  media.addEventListener('seeked', () => {
    lastTime = media.currentTime;
    if (!media.paused) openAt = media.currentTime;
    seekTimer = clear(seekTimer);
    seekTimer = win.setTimeout(() => {
      seekTimer = null;
      if (seekFrom !== null && Math.abs(seekFrom - media.currentTime) > 0.001 && initialized) send('seeked', { timeFrom: seekFrom });
      seekFrom = null;
    }, SETTLE_MS);
  });
  media.addEventListener('timeupdate', () => {
    if (media.seeking) return;
    lastTime = media.currentTime;
    if (!media.paused && length() > 0 && media.currentTime >= length() - 1) finish();
  });
  media.addEventListener('ended', finish);

  // Another page is shown: this one is hidden, and its media stops.
  const page = root.closest<HTMLElement>('.cp-page');
  const Observer = (win as unknown as { MutationObserver?: typeof MutationObserver }).MutationObserver;
  if (page && Observer) new Observer(() => page.hidden && !media.paused && media.pause()).observe(page, { attributes: true, attributeFilter: ['hidden'] });
}

/** Overlapping or touching segments joined, in order. */
function merged(list: Segment[]): Segment[] {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  const out: Segment[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The transcript heading becomes a disclosure button; the transcript starts hidden. */
function setUpTranscript(root: HTMLElement, context: BlockContext): void {
  const heading = root.querySelector<HTMLElement>('.cp-transcript-heading');
  const body = root.querySelector<HTMLElement>('.cp-transcript-body');
  if (!heading || !body) return;
  const button = context.doc.createElement('button');
  button.type = 'button';
  button.className = 'cp-transcript-toggle';
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', body.id);
  button.textContent = heading.textContent ?? context.strings.transcript ?? '';
  heading.replaceChildren(button);
  body.hidden = true;
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
  });
}
