/**
 * Builds the xAPI statements both LRS adapters send (xapi.ts, cmi5.ts): verbs, objects with their
 * IRIs and definitions, `result`, and a context carrying the registration, the course as grouping
 * and the page, module or assessment as parent. cmi5 passes its LMS context template, which the
 * builder extends without overwriting any value (cmi5 §10).
 */
import type { LearningEvent, PlayerData } from '../core/types.js';
import { xapiInteractionDefinition, xapiInteractionResult, xapiScenarioResult, type LanguageMap } from '../interactions/xapi.js';
import { ACTIVITY_TYPES, childIri } from './xapi-iris.js';

export interface Verb {
  id: string;
  display: LanguageMap;
}

const verb = (id: string, name: string): Verb => ({ id, display: { 'en-US': name } });
const ADL = 'http://adlnet.gov/expapi/verbs/';

/** Full verb IRIs (XAPI.Verbs lacks `experienced`). */
export const VERBS = {
  initialized: verb(`${ADL}initialized`, 'initialized'),
  experienced: verb(`${ADL}experienced`, 'experienced'),
  answered: verb(`${ADL}answered`, 'answered'),
  responded: verb(`${ADL}responded`, 'responded'),
  passed: verb(`${ADL}passed`, 'passed'),
  failed: verb(`${ADL}failed`, 'failed'),
  completed: verb(`${ADL}completed`, 'completed'),
  suspended: verb(`${ADL}suspended`, 'suspended'),
  resumed: verb(`${ADL}resumed`, 'resumed'),
  terminated: verb(`${ADL}terminated`, 'terminated'),
} as const;

export type VerbName = keyof typeof VERBS;

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: { type?: string; name?: LanguageMap; description?: LanguageMap; [key: string]: unknown };
}

export interface ContextActivities {
  parent?: Activity[];
  grouping?: Activity[];
  category?: Activity[];
  other?: Activity[];
}

export interface Context {
  registration?: string;
  contextActivities?: ContextActivities;
  language?: string;
  extensions?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Score {
  scaled: number;
  raw?: number;
  min?: number;
  max?: number;
}

export interface StatementResult {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export type Actor = Record<string, unknown>;

export interface Statement {
  id: string;
  actor: Actor;
  verb: Verb;
  object: Activity;
  result?: StatementResult;
  context: Context;
  timestamp: string;
}

/** A version 4 UUID, from `crypto.getRandomValues` (which, unlike `randomUUID`, also works on plain http). */
export function uuid(cryptoImpl: Crypto | undefined = globalThis.crypto): string {
  const bytes = new Uint8Array(16);
  if (cryptoImpl?.getRandomValues) cryptoImpl.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface BuilderSetup {
  actor: Actor;
  registration?: string;
  data: PlayerData;
  /** The course IRI every child IRI derives from. */
  courseIri: string;
  /** Object id of statements about the whole course (tincan: `activity_id`; cmi5: the AU's `activityId`). */
  courseObject: string;
  /** Describe the course object in statements (tincan: yes; cmi5: the LMS owns the AU's definition). */
  describeCourse: boolean;
  /** The LMS's context template (cmi5). */
  template?: Context;
  now?: () => Date;
}

const activity = (id: string, definition?: Activity['definition']): Activity => ({ objectType: 'Activity', id, ...(definition ? { definition } : {}) });

function mergeLists(a: Activity[] | undefined, b: Activity[] | undefined): Activity[] | undefined {
  const out = [...(a ?? [])];
  for (const item of b ?? []) if (!out.some((x) => x.id === item.id)) out.push(item);
  return out.length ? out : undefined;
}

/** Our context added to a template: lists are appended to, nothing the template holds is overwritten. */
export function mergeContext(template: Context | undefined, ours: Context): Context {
  const base: Context = template ? (JSON.parse(JSON.stringify(template)) as Context) : {};
  const out: Context = { ...ours, ...base };
  const keys = ['parent', 'grouping', 'category', 'other'] as const;
  const activities: ContextActivities = {};
  for (const key of keys) {
    const merged = mergeLists(base.contextActivities?.[key], ours.contextActivities?.[key]);
    if (merged) activities[key] = merged;
  }
  if (Object.keys(activities).length) out.contextActivities = activities;
  else delete out.contextActivities;
  const extensions = { ...(ours.extensions ?? {}), ...(base.extensions ?? {}) };
  if (Object.keys(extensions).length) out.extensions = extensions;
  else delete out.extensions;
  return out;
}

export class StatementBuilder {
  private readonly lang: string;

  constructor(readonly setup: BuilderSetup) {
    this.lang = setup.data.lang;
  }

  private get now(): Date {
    return this.setup.now?.() ?? new Date();
  }

  /** The course as an activity (for grouping). */
  courseActivity(): Activity {
    return activity(this.setup.courseIri, { type: ACTIVITY_TYPES.course, name: { [this.lang]: this.setup.data.title } });
  }

  private context(extra: Context = {}): Context {
    const ours: Context = { ...extra, language: this.lang };
    if (this.setup.registration) ours.registration = this.setup.registration;
    const context = mergeContext(this.setup.template, ours);
    if (this.setup.registration) context.registration = this.setup.registration;
    return context;
  }

  private statement(v: Verb, object: Activity, context: Context, result?: StatementResult, timestamp?: Date): Statement {
    return {
      id: uuid(),
      actor: this.setup.actor,
      verb: v,
      object,
      ...(result ? { result } : {}),
      context,
      timestamp: (timestamp ?? this.now).toISOString(),
    };
  }

  /** A statement about the course (the launched activity): initialized, completed, passed, terminated… */
  course(name: VerbName, result?: StatementResult, extra: Context = {}): Statement {
    const object = activity(this.setup.courseObject, this.setup.describeCourse ? { type: ACTIVITY_TYPES.course, name: { [this.lang]: this.setup.data.title } } : undefined);
    const grouping = this.setup.courseObject === this.setup.courseIri ? [] : [this.courseActivity()];
    const context = this.context({ ...extra, contextActivities: { ...extra.contextActivities, ...(grouping.length ? { grouping: mergeLists(extra.contextActivities?.grouping, grouping) } : {}) } });
    return this.statement(VERBS[name], object, context, result);
  }

  private moduleOf(pageId: string): Activity | undefined {
    const page = this.setup.data.pages.find((p) => p.id === pageId);
    const mod = page ? this.setup.data.modules[page.module] : undefined;
    return mod ? activity(childIri(this.setup.courseIri, 'modules', mod.id), { type: ACTIVITY_TYPES.module, name: { [this.lang]: mod.title } }) : undefined;
  }

  private assessmentActivity(id: string): Activity {
    const data = this.setup.data as PlayerData & { assessments?: Array<{ id: string; title: string }>; assessment?: { id: string; title: string } };
    const found = data.assessments?.find((a) => a.id === id) ?? (data.assessment?.id === id ? data.assessment : undefined);
    return activity(childIri(this.setup.courseIri, 'assessments', id), { type: ACTIVITY_TYPES.assessment, name: { [this.lang]: found?.title ?? id } });
  }

  /** `experienced` a page, with its module as parent and the course as grouping. */
  experienced(pageId: string, title: string): Statement {
    const mod = this.moduleOf(pageId);
    const object = activity(childIri(this.setup.courseIri, 'pages', pageId), { type: ACTIVITY_TYPES.page, name: { [this.lang]: title } });
    return this.statement(VERBS.experienced, object, this.context({ contextActivities: { ...(mod ? { parent: [mod] } : {}), grouping: [this.courseActivity()] } }));
  }

  /**
   * `answered` a question: a `cmi.interaction` definition and the result. The parent is the page
   * of a knowledge check (or the assessment); the attempt number goes in an extension.
   */
  answered(event: Extract<LearningEvent, { type: 'answered' }>, where: { pageId?: string; assessmentId?: string }): Statement {
    const q = event.question;
    const object = activity(childIri(this.setup.courseIri, 'questions', q.id), { ...xapiInteractionDefinition(q, this.lang) });
    const parent: Activity[] = [];
    if (where.assessmentId) parent.push(this.assessmentActivity(where.assessmentId));
    else if (where.pageId) parent.push(activity(childIri(this.setup.courseIri, 'pages', where.pageId), { type: ACTIVITY_TYPES.page }));
    const grouping = [this.courseActivity()];
    const mod = where.pageId ? this.moduleOf(where.pageId) : undefined;
    if (mod) grouping.push(mod);
    const extensions = event.attempt !== undefined ? { 'http://id.tincanapi.com/extension/attempt-id': event.attempt } : undefined;
    const result = xapiInteractionResult(q, event.response, event.result, event.score, event.latencyMs);
    return this.statement(VERBS.answered, object, this.context({ contextActivities: { ...(parent.length ? { parent } : {}), grouping }, ...(extensions ? { extensions } : {}) }), result, event.timestamp);
  }

  /**
   * `responded` at a node of a scenario (issue 15): the choice made, as `node[.]choice` in
   * `result.response`, about the scenario's activity; so a learner who leaves mid-way still shows
   * which choices were made where.
   */
  scenarioChoice(event: Extract<LearningEvent, { type: 'scenario-choice' }>): Statement {
    const s = event.scenario;
    const object = activity(childIri(this.setup.courseIri, 'scenarios', s.id), { type: ACTIVITY_TYPES.simulation, name: { [this.lang]: s.title } });
    const grouping = [this.courseActivity()];
    const mod = this.moduleOf(s.page);
    if (mod) grouping.push(mod);
    const parent = [activity(childIri(this.setup.courseIri, 'pages', s.page), { type: ACTIVITY_TYPES.page })];
    return this.statement(VERBS.responded, object, this.context({ contextActivities: { parent, grouping } }), { response: `${event.node}[.]${event.choice}` }, event.timestamp);
  }

  /**
   * `answered` a scenario (issue 15): a `simulation` activity below the course, its page as
   * parent, the course and module as grouping; the result holds the path, the verdict, the score
   * and `completion: true`. Not `completed`: that is a cmi5 defined verb, and an LMS that reads
   * verbs alone would take a scenario's ending for the AU's completion; `answered` is what the
   * course's questions use, so a cmi5 "allowed" statement and the Tin Can one are the same.
   */
  scenarioEnded(event: Extract<LearningEvent, { type: 'scenario-ended' }>): Statement {
    const s = event.scenario;
    const object = activity(childIri(this.setup.courseIri, 'scenarios', s.id), { type: ACTIVITY_TYPES.simulation, name: { [this.lang]: s.title } });
    const grouping = [this.courseActivity()];
    const mod = this.moduleOf(s.page);
    if (mod) grouping.push(mod);
    const parent = [activity(childIri(this.setup.courseIri, 'pages', s.page), { type: ACTIVITY_TYPES.page })];
    return this.statement(VERBS.answered, object, this.context({ contextActivities: { parent, grouping } }), xapiScenarioResult(event), event.timestamp);
  }
}
