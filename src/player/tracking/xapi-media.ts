/**
 * The xAPI Video Profile (https://w3id.org/xapi/video, version 1.0.3) vocabulary for media events
 * (issue 15): its verbs (initialized, played, paused, seeked, completed), its activity type, and
 * the result and context extensions each statement of the profile carries:
 *
 * | verb | result extensions | context extensions |
 * |---|---|---|
 * | initialized | — | session-id, length, cc-subtitle-enabled, cc-subtitle-lang |
 * | played | time | session-id |
 * | paused | time, progress, played-segments | session-id, length |
 * | seeked | time-from, time-to | session-id |
 * | completed | time, progress, played-segments (+ completion, duration) | session-id, length |
 *
 * Every statement has the profile in `context.contextActivities.category`. Audio uses the same
 * verbs and extensions (the profile is written for video, and no audio profile exists), with the
 * Activity Streams `audio` activity type, so reports that select the profile's video activities
 * do not count a narration as a video.
 */
import type { MediaEvent } from '../core/types.js';
import { xapiDuration } from '../interactions/xapi.js';
import type { Activity, StatementResult, Verb } from './xapi-statements.js';

export const VIDEO_PROFILE = 'https://w3id.org/xapi/video';
const ADL = 'http://adlnet.gov/expapi/verbs/';
const verb = (id: string, name: string): Verb => ({ id, display: { 'en-US': name } });

export const MEDIA_VERBS: Record<MediaEvent['action'], Verb> = {
  initialized: verb(`${ADL}initialized`, 'initialized'),
  played: verb(`${VIDEO_PROFILE}/verbs/played`, 'played'),
  paused: verb(`${VIDEO_PROFILE}/verbs/paused`, 'paused'),
  seeked: verb(`${VIDEO_PROFILE}/verbs/seeked`, 'seeked'),
  completed: verb(`${ADL}completed`, 'completed'),
};

export const MEDIA_TYPES = {
  video: `${VIDEO_PROFILE}/activity-type/video`,
  audio: 'http://activitystrea.ms/schema/1.0/audio',
} as const;

/** The profile as a category activity of every media statement. */
export const PROFILE_CATEGORY: Activity = { objectType: 'Activity', id: VIDEO_PROFILE, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } };

export const extension = (name: string): string => `${VIDEO_PROFILE}/extensions/${name}`;

/** Seconds with at most three decimals (the profile's examples; LRSs store numbers as given). */
const seconds = (value: number): number => Math.round(Math.max(0, value) * 1000) / 1000;

export function mediaResult(event: MediaEvent): StatementResult | undefined {
  const time = { [extension('time')]: seconds(event.time) };
  const watched = { ...time, [extension('progress')]: Math.round(event.progress * 1000) / 1000, [extension('played-segments')]: event.segments };
  switch (event.action) {
    case 'initialized':
      return undefined;
    case 'played':
      return { extensions: time };
    case 'paused':
      return { extensions: watched };
    case 'seeked':
      return { extensions: { [extension('time-from')]: seconds(event.timeFrom ?? 0), [extension('time-to')]: seconds(event.time) } };
    case 'completed':
      return { completion: true, ...(event.playedMs !== undefined ? { duration: xapiDuration(event.playedMs) } : {}), extensions: watched };
  }
}

export function mediaContextExtensions(event: MediaEvent, sessionId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { [extension('session-id')]: sessionId };
  if (event.action === 'initialized' || event.action === 'paused' || event.action === 'completed') out[extension('length')] = seconds(event.length);
  if (event.action === 'initialized') {
    out[extension('cc-subtitle-enabled')] = event.captions !== undefined;
    if (event.captions !== undefined) out[extension('cc-subtitle-lang')] = event.captions;
  }
  return out;
}
