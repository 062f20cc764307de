/**
 * xAPI statements (from an LRS or a folder of JSON lines) → learner events. Ids are read back from
 * the activity IRIs the player builds (xapi-iris.ts): `<course>/pages/<id>` or `<urn>#pages/<id>`.
 * Responses are turned from xAPI's `[,]` / `[.]` delimiters back into the player's encoding.
 */
import type { CourseIndex } from './course-index.js';
import type { LearnerEvent, ScenarioFact, SourceData, SourceNote } from './events.js';

export interface XapiStatement {
  id?: string;
  actor?: Record<string, unknown>;
  verb?: { id?: string };
  object?: { id?: string };
  result?: { success?: boolean; response?: string };
  context?: { registration?: string; language?: string; contextActivities?: Record<string, Array<{ id?: string }> | undefined>; extensions?: Record<string, unknown> };
  timestamp?: string;
  stored?: string;
}

const ATTEMPT = 'http://id.tincanapi.com/extension/attempt-id';

/** The actor as a stable key: its inverse functional identifier (xAPI §2.4.2.1). */
export function actorKey(actor: Record<string, unknown> | undefined): string | undefined {
  if (!actor) return undefined;
  const account = actor.account as { homePage?: string; name?: string } | undefined;
  if (account?.name) return `account:${account.homePage ?? ''}|${account.name}`;
  for (const key of ['mbox', 'mbox_sha1sum', 'openid'] as const) if (typeof actor[key] === 'string') return `${key}:${actor[key] as string}`;
  return undefined;
}

function actorLabel(actor: Record<string, unknown>): string {
  const account = actor.account as { name?: string } | undefined;
  return [typeof actor.name === 'string' ? actor.name : '', account?.name ?? (actor.mbox as string | undefined) ?? ''].filter(Boolean).join(' · ');
}

/** `pages/welcome` from `<course>/pages/welcome` or `<urn>#pages/welcome`; undefined for other activities. */
export function partOf(iri: string | undefined, courseIri: string): { kind: string; id: string } | undefined {
  if (!iri) return undefined;
  const sep = courseIri.startsWith('urn:') ? '#' : '/';
  if (!iri.startsWith(courseIri + sep)) return undefined;
  const [kind, ...rest] = iri.slice(courseIri.length + 1).split('/');
  if (!kind || rest.length !== 1) return undefined;
  return { kind, id: decodeURIComponent(rest[0]!) };
}

/** `a[,]c` → `a,c`; `dev[.]code[,]qa[.]bugs` → `dev.code,qa.bugs`. */
export function playerResponse(xapi: string, type: string | undefined): string {
  if (type === 'fill-in' || type === 'free-text') return xapi;
  return xapi.split('[,]').map((part) => part.split('[.]').join('.')).join(',');
}

/**
 * A scenario statement (issue 15) as an event: `responded` holds `node[.]choice`; `answered` the
 * path `node[.]choice[,]…[,]ending[.]verdict` (xapiScenarioResult). The player's SCORM
 * interaction holds the same path with `.` and `,` (scenarioPath below).
 */
function scenarioEvent(verb: string, scenarioId: string, response: string): ScenarioFact | undefined {
  if (verb === 'responded') {
    const [node, choice] = response.split('[.]');
    return node && choice ? { kind: 'scenario-choice', scenarioId, node, choice } : undefined;
  }
  const path = scenarioPath(playerResponse(response, 'performance'));
  return path ? { kind: 'scenario-end', scenarioId, ...path } : undefined;
}

/** `opening.reassure,skills.ask,good-end.good` → the steps and the ending (the last record); undefined when malformed. */
export function scenarioPath(text: string): { path: Array<{ node: string; choice: string }>; ending: string } | undefined {
  const records = text.split(',').map((r) => {
    const dot = r.indexOf('.');
    return dot > 0 ? { node: r.slice(0, dot), choice: r.slice(dot + 1) } : undefined;
  });
  const last = records[records.length - 1];
  if (!last || records.some((r) => r === undefined)) return undefined;
  return { path: records.slice(0, -1) as Array<{ node: string; choice: string }>, ending: last.node };
}

export function fromStatements(statements: XapiStatement[], index: CourseIndex, since?: number): SourceData {
  const iri = index.iri;
  if (!iri) throw new Error('the course has no xapi.activityBase: its statements cannot be recognised');
  const events: LearnerEvent[] = [];
  const identities = new Map<string, string>();
  const notes: SourceNote[] = [];
  let foreign = 0;
  const unknown = new Set<string>();
  const seen = new Set<string>();
  for (const s of statements) {
    if (s.id) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
    }
    const learner = actorKey(s.actor);
    const time = s.timestamp ? Date.parse(s.timestamp) : NaN;
    if (!learner || Number.isNaN(time)) continue;
    if (since !== undefined && time < since) continue;
    const groups = [...(s.context?.contextActivities?.grouping ?? []), ...(s.context?.contextActivities?.parent ?? [])].map((a) => a.id);
    const about = s.object?.id === iri || partOf(s.object?.id, iri) !== undefined || groups.includes(iri);
    if (!about) {
      foreign++;
      continue;
    }
    identities.set(learner, actorLabel(s.actor!));
    const base = { learner, session: s.context?.registration ?? 'none', time, ...(s.context?.language ? { lang: s.context.language } : {}) };
    const verb = (s.verb?.id ?? '').replace(/^.*\//, '');
    const part = partOf(s.object?.id, iri);
    if (verb === 'experienced' && part?.kind === 'pages') {
      events.push({ ...base, kind: 'page', pageId: part.id });
    } else if (verb === 'answered' && part?.kind === 'questions') {
      const info = index.questions.get(part.id);
      if (!info) {
        unknown.add(part.id);
        continue;
      }
      const parent = s.context?.contextActivities?.parent?.map((a) => partOf(a.id, iri)).find((p) => p?.kind === 'assessments');
      const attempt = s.context?.extensions?.[ATTEMPT];
      const success = s.result?.success;
      events.push({
        ...base,
        kind: 'answer',
        questionId: part.id,
        response: playerResponse(s.result?.response ?? '', info.question.type),
        result: success === true ? 'correct' : success === false ? 'incorrect' : 'neutral',
        ...(parent ? { assessmentId: parent.id } : {}),
        ...(typeof attempt === 'number' ? { attempt } : {}),
      });
    } else if (part?.kind === 'scenarios' && (verb === 'responded' || verb === 'answered')) {
      const event = scenarioEvent(verb, part.id, s.result?.response ?? '');
      if (event) events.push({ ...base, ...event });
    } else if (part?.kind === 'media') {
      // The Video Profile's verbs (the player's xapi-media.ts): `completed` here is the media's, never the course's.
      events.push({ ...base, kind: 'media', mediaId: part.id, action: verb });
    } else if (verb === 'completed' && !part) {
      events.push({ ...base, kind: 'completed' });
    } else {
      events.push({ ...base, kind: 'other' });
    }
  }
  if (foreign) notes.push({ key: 'note.foreign', values: { n: foreign } });
  if (unknown.size) notes.push({ key: 'note.unknown-questions', values: { ids: [...unknown].sort().join(', ') } });
  events.sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  return { events, identities, lacks: [], notes };
}
