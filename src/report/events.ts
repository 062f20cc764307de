/**
 * What every source (an LRS, a folder of statements, a Moodle export) is turned into: one list of
 * learner events in the course's own ids and the player's own answer encoding, so the figures are
 * computed once, whatever the data came from.
 */

/** The player's encoding of a response: choice ids joined by `,`, `source.target` pairs, item ids in order, or text. */
export type Response = string;

interface EventBase {
  /** A stable key for the learner (never shown unless `--learners`). */
  learner: string;
  /** One enrolment / launch history: the xAPI registration, or the Moodle attempt. */
  session: string;
  /** Milliseconds since the epoch; absent when the source has no time for it (Moodle interactions). */
  time?: number;
  /** The course language of the package the learner used. */
  lang?: string;
}

/** What a learner did in a scenario (issue 15). */
export type ScenarioFact =
  /** A choice at a node (xAPI `responded`). */
  | { kind: 'scenario-choice'; scenarioId: string; node: string; choice: string }
  /** An ending reached, with the path that led there (xAPI `answered` a scenario, or its SCORM interaction). */
  | { kind: 'scenario-end'; scenarioId: string; path: Array<{ node: string; choice: string }>; ending: string };

export type LearnerEvent =
  | (EventBase & { kind: 'page'; pageId: string })
  | (EventBase & {
      kind: 'answer';
      questionId: string;
      response: Response;
      result: 'correct' | 'incorrect' | 'neutral';
      /** Set for assessment answers (absent for knowledge checks). */
      assessmentId?: string;
      /** 1-based assessment attempt within the session. */
      attempt?: number;
    })
  | (EventBase & { kind: 'completed' })
  | (EventBase & ScenarioFact)
  /** A Video Profile statement about a video or audio block (issue 15): `initialized`, `played`, `paused`, `seeked` or `completed`. */
  | (EventBase & { kind: 'media'; mediaId: string; action: string })
  /** Anything else the learner did (initialized, suspended, terminated…): it ends the time on the page before it. */
  | (EventBase & { kind: 'other' });

/** A learner's display name and id, read only for `--learners`. */
export interface LearnerIdentity {
  key: string;
  label: string;
}

export interface SourceData {
  events: LearnerEvent[];
  identities: Map<string, string>;
  /** What the source cannot tell (e.g. a Moodle export has no page views). */
  lacks: Array<'pages' | 'time'>;
  /** Notes for the reader (statements about other courses skipped, unknown question ids…), as report interface texts (i18n.ts). */
  notes: SourceNote[];
}

/** A note as a key of the report's interface tables and its values: written in the report's language. */
export interface SourceNote {
  key: 'note.foreign' | 'note.unknown-questions' | 'note.moodle-answers-only';
  /** `n` is the plural count for keys with `.one`/`.other` forms. */
  values: Record<string, string | number>;
}
