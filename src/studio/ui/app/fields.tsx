/**
 * The form of a node, drawn from its JSON Schema (schema-form.ts): one control per field, each
 * labelled, its diagnostics beside it. A change becomes one `set` (or `delete`) op, sent after a
 * short pause in typing, or at once when the field loses focus.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { THEME_DEFAULTS, themePairs } from './contrast.js';
import { applyMarkdown, type MarkdownAction } from './markdown-format.js';
import { newValue, textOf, textSetOp, type Op } from './ops.js';
import { fieldHelp, fieldLabel, optionLabel, schemaKey, showsHelp } from './field-text.js';
import { fieldsOf, getIn, modelOf, variantOf, type DataPath, type FieldInfo, type FieldModel, type JsonSchema } from './schema-form.js';
import { useStore, type Store } from './store.js';

const DEBOUNCE_MS = 600;
/** Keys the structure tree edits (lists of pages, blocks, questions and the course's files). */
const TREE_KEYS = new Set(['pages', 'blocks', 'questions']);
const COURSE_TREE_KEYS = new Set(['modules', 'assessment', 'assessments']);

export const fieldId = (file: string, path: DataPath): string => `f-${file}-${path.join('-')}`.replace(/[^A-Za-z0-9_-]/g, '_');

/** The field's place in the schema (field-text.ts): what its label, help and option names are looked up by. */
function keyAt(store: Store, file: string, path: DataPath): string[] {
  const kind = store.kindOf(file);
  const root = store.schemas?.[kind];
  return root ? schemaKey(kind, root, store.files.get(file)?.data, path) : [kind, ...path.filter((k): k is string => typeof k === 'string')];
}

/** The label of the field at `path` of `file`, in the interface language. */
function label(store: Store, file: string, path: DataPath): string {
  return fieldLabel(store.strings, keyAt(store, file, path));
}

/** The help text of the field at `path` of `file` in the interface language (the schema's description in English), if the form shows one. */
function helpOf(store: Store, file: string, path: DataPath, description: string | undefined): string | undefined {
  return fieldHelp(store.strings, keyAt(store, file, path), description);
}

/** Diagnostics of one field, as text referenced by aria-describedby. */
function Problems(props: { file: string; path: DataPath; id: string }) {
  const store = useStore();
  const list = store.diagnosticsAt(props.file, props.path);
  if (list.length === 0) return null;
  return (
    <ul class="field-problems" id={props.id}>
      {list.map((d) => (
        <li class={`sev-${d.severity}`} key={`${d.code}${d.line}${d.column}`}>
          <span class="sev">{store.t(`severity.${d.severity}`)}</span> {d.message}
          {d.hint ? <span class="hint"> {d.hint}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A value typed into a control: kept locally while typing, sent after a pause or on blur, and
 * replaced by the file's value when that changes while the control is not being typed in.
 */
function useDraft<T>(file: string, path: DataPath, external: T, what: string, toOps: (value: T) => Op[]) {
  const store = useStore();
  const [draft, setDraft] = useState<T>(external);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(draft);
  useEffect(() => {
    if (!dirty.current) {
      setDraft(external);
      latest.current = external;
    }
  }, [JSON.stringify(external)]);
  useEffect(() => {
    if (!dirty.current) return;
    clearTimeout(timer.current);
    dirty.current = false;
    setDraft(external);
    latest.current = external;
  }, [store.resets]);
  const send = async (value: T) => {
    clearTimeout(timer.current);
    // While a conflict on this file is open, nothing is sent: the designer chooses first.
    if (!dirty.current || store.conflict?.file === file) return;
    // Still "dirty" while saving and after a conflict: the field keeps what the designer typed
    // until it is saved, or until they choose "keep theirs".
    const ok = await store.edit(file, toOps(value), what, { path, value });
    if (ok && latest.current === value) dirty.current = false;
    if (ok) store.doneEditing(file, path, value);
  };
  const change = (value: T) => {
    dirty.current = true;
    latest.current = value;
    setDraft(value);
    store.editing = {
      file,
      path,
      value,
      label: what,
      resend: async () => {
        dirty.current = true;
        await send(value);
      },
    };
    store.changed();
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void send(latest.current), DEBOUNCE_MS);
  };
  return { draft, change, flush: () => void send(latest.current) };
}

interface FieldProps {
  file: string;
  path: DataPath;
  info: FieldInfo;
  value: unknown;
}

/** The field's help text (field-text.ts: none where the description only explains the YAML form of a text). */
function Help(props: { id: string; text?: string }) {
  return props.text ? (
    <p class="help" id={props.id}>
      {props.text}
    </p>
  ) : null;
}

function MarkdownToolbar(props: { target: () => HTMLTextAreaElement | null; onChange: (text: string) => void; name: string }) {
  const store = useStore();
  const actions: MarkdownAction[] = ['bold', 'italic', 'link', 'list', 'heading', 'image'];
  const act = (action: MarkdownAction) => {
    const area = props.target();
    if (!area) return;
    const result = applyMarkdown(action, { text: area.value, start: area.selectionStart, end: area.selectionEnd }, {
      text: store.t('md.placeholderText'),
      url: store.t('md.placeholderUrl'),
      alt: store.t('md.placeholderAlt'),
      image: 'assets/',
    });
    props.onChange(result.text);
    area.value = result.text;
    area.focus();
    area.setSelectionRange(result.start, result.end);
  };
  return (
    <div class="md-toolbar" role="toolbar" aria-label={store.t('md.toolbar', { field: props.name })}>
      {actions.map((a) => (
        <button type="button" key={a} onClick={() => act(a)}>
          {store.t(`md.${a}`)}
        </button>
      ))}
    </div>
  );
}

/** One input of a course text in one language. */
function TextInput(props: FieldProps & { lang: string; markdown: boolean; name: string }) {
  const store = useStore();
  const languages = store.languages;
  const textPath = [...props.path];
  const external = textOf(props.value, props.lang, languages);
  const { draft, change, flush } = useDraft(props.file, [...textPath, props.lang], external, props.name, (text) => [
    textSetOp(textPath, getIn(store.files.get(props.file)?.data, textPath), props.lang, text, languages),
  ]);
  const id = fieldId(props.file, [...textPath, props.lang]);
  const area = useRef<HTMLTextAreaElement>(null);
  const problemsId = `${id}-problems`;
  const helpId = `${fieldId(props.file, textPath)}-help`;
  const own = store.diagnosticsAt(props.file, [...textPath, props.lang]).length;
  const whole = store.diagnosticsAt(props.file, textPath).length;
  const problems = own + whole;
  const long = props.markdown || props.info.key === 'description' || props.info.key === 'intro';
  const common = {
    id,
    lang: props.lang,
    value: draft,
    'aria-describedby': `${showsHelp(props.info.description) ? helpId : ''} ${own ? problemsId : ''} ${whole ? `${fieldId(props.file, textPath)}-problems` : ''}`.trim() || undefined,
    'aria-invalid': problems > 0 ? true : undefined,
    onInput: (e: Event) => change((e.currentTarget as HTMLInputElement).value),
    onBlur: flush,
  };
  return (
    <div class="lang-input">
      <label for={id}>
        {props.name} <span class="lang-tag">({props.lang})</span>
      </label>
      {props.markdown ? <MarkdownToolbar target={() => area.current} onChange={change} name={`${props.name} (${props.lang})`} /> : null}
      {long ? <textarea ref={area} rows={props.markdown ? 6 : 3} {...common} /> : <input type="text" {...common} />}
      <Problems file={props.file} path={[...textPath, props.lang]} id={problemsId} />
    </div>
  );
}

function TextField(props: FieldProps & { markdown: boolean; nameOverride?: string }) {
  const store = useStore();
  const name = props.nameOverride ?? label(store, props.file, props.path);
  const helpId = `${fieldId(props.file, props.path)}-help`;
  return (
    <fieldset class="field text-field">
      <legend>
        {name}
        {props.info.required ? <span class="required"> {store.t('required')}</span> : null}
      </legend>
      <Help id={helpId} text={helpOf(store, props.file, props.path, props.info.description)} />
      {store.languages.map((lang) => (
        <TextInput key={lang} {...props} lang={lang} markdown={props.markdown} name={name} />
      ))}
      <Problems file={props.file} path={props.path} id={`${fieldId(props.file, props.path)}-problems`} />
    </fieldset>
  );
}

/** A single-valued control: string, number, boolean, enum, asset path, or a choice of kinds. */
function ScalarField(props: FieldProps & { nameOverride?: string }) {
  const store = useStore();
  const model = props.info.model;
  const name = props.nameOverride ?? label(store, props.file, props.path);
  const id = fieldId(props.file, props.path);
  const key = keyAt(store, props.file, props.path);
  const toValue = (raw: string): unknown => {
    if (model.kind === 'number') return raw === '' ? undefined : Number(raw);
    if (model.kind === 'enum') {
      const option = model.options.find((o) => String(o) === raw);
      return raw === '' ? undefined : option;
    }
    if (model.kind === 'choice') {
      const numeric = model.options.some((o) => o.model.kind === 'number');
      return raw === '' ? undefined : numeric && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    }
    return raw === '' && !props.info.required ? undefined : raw;
  };
  const ops = (value: unknown): Op[] => (value === undefined ? [{ op: 'delete', path: props.path }] : [{ op: 'set', path: props.path, value }]);
  const external = props.value === undefined ? '' : typeof props.value === 'object' ? JSON.stringify(props.value) : String(props.value);
  const { draft, change, flush } = useDraft<string>(props.file, props.path, external, name, (raw) => ops(model.kind === 'boolean' ? raw === 'true' : toValue(raw)));
  const problemsId = `${id}-problems`;
  const helpId = `${id}-help`;
  const invalid = store.diagnosticsAt(props.file, props.path).length > 0 ? true : undefined;
  const help = props.nameOverride ? undefined : fieldHelp(store.strings, key, props.info.description);
  const showHelp = help !== undefined;
  const describedBy = `${showHelp ? helpId : ''} ${invalid ? problemsId : ''}`.trim() || undefined;
  const isColor = model.kind === 'string' && model.pattern?.startsWith('^#(?:[0-9a-fA-F]{3}');
  let control;
  if (model.kind === 'boolean') {
    return (
      <div class="field check-field">
        <input
          type="checkbox"
          id={id}
          checked={draft === 'true'}
          aria-describedby={describedBy}
          onChange={(e) => {
            change(String((e.currentTarget as HTMLInputElement).checked));
            setTimeout(flush, 0);
          }}
        />
        <label for={id}>{name}</label>
        <Help id={helpId} text={help} />
        <Problems file={props.file} path={props.path} id={problemsId} />
      </div>
    );
  }
  if (model.kind === 'enum') {
    control = (
      <select
        id={id}
        value={draft}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        onChange={(e) => {
          change((e.currentTarget as HTMLSelectElement).value);
          setTimeout(flush, 0);
        }}
      >
        {!props.info.required ? <option value="">{store.t('default', { value: props.info.schema.default === undefined ? '—' : optionLabel(store.strings, key, props.info.schema.default as string | number) })}</option> : null}
        {model.options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {optionLabel(store.strings, key, o)}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        id={id}
        type={(model.kind === 'number' ? 'number' : 'text') as 'text'}
        value={draft}
        {...(model.kind === 'number' ? { min: model.min, max: model.max, step: model.integer ? 1 : 'any' } : {})}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        placeholder={props.info.schema.default !== undefined && typeof props.info.schema.default !== 'object' ? String(props.info.schema.default) : undefined}
        onInput={(e) => change((e.currentTarget as HTMLInputElement).value)}
        onBlur={flush}
      />
    );
  }
  return (
    <div class="field">
      <label for={id}>
        {name}
        {props.info.required && !props.nameOverride ? <span class="required"> {store.t('required')}</span> : null}
      </label>
      <Help id={helpId} text={help} />
      <div class="control-row">
        {control}
        {isColor ? (
          <>
            <label class="visually-hidden" for={`${id}-picker`}>
              {store.t('colorPicker', { field: name })}
            </label>
            <input
              type="color"
              id={`${id}-picker`}
              value={/^#[0-9a-fA-F]{6}$/.test(draft) ? draft : THEME_DEFAULTS[props.info.key] ?? '#000000'}
              onInput={(e) => change((e.currentTarget as HTMLInputElement).value)}
              onChange={() => setTimeout(flush, 0)}
            />
          </>
        ) : null}
      </div>
      <Problems file={props.file} path={props.path} id={problemsId} />
    </div>
  );
}

/** A list: items added, removed and moved with buttons; objects get their own fieldset. */
function ArrayField(props: FieldProps & { model: Extract<FieldModel, { kind: 'array' }> }) {
  const store = useStore();
  const name = label(store, props.file, props.path);
  const items = Array.isArray(props.value) ? props.value : [];
  const count = items.length;
  const send = (ops: Op[], what: string) => void store.edit(props.file, ops, what);
  const add = () => {
    const value = newValue(props.model.itemSchema, { taken: idsOfCourse(store), sourceLanguage: store.sourceLanguage, placeholder: store.t('placeholder') }, props.info.key);
    const ops: Op[] = Array.isArray(props.value) ? [{ op: 'insert', path: props.path, index: count, value }] : [{ op: 'set', path: props.path, value: [value] }];
    send(ops, store.t('addItem', { field: name }));
    store.announce(store.t('added', { what: name }));
  };
  return (
    <fieldset class="field array-field">
      <legend>{name}</legend>
      <Help id={`${fieldId(props.file, props.path)}-help`} text={helpOf(store, props.file, props.path, props.info.description)} />
      <Problems file={props.file} path={props.path} id={`${fieldId(props.file, props.path)}-problems`} />
      <ol class="array-items">
        {items.map((item, i) => {
          const itemPath = [...props.path, i];
          const itemName = store.t('itemN', { field: name, n: i + 1 });
          const scalar = !['object', 'union', 'array', 'text'].includes(props.model.item.kind);
          return (
            <li key={`${i}-${count}`} class={`array-item${scalar ? ' scalar' : ''}`}>
              {scalar ? <Field file={props.file} path={itemPath} value={item} info={{ key: props.info.key, required: true, schema: props.model.itemSchema, model: props.model.item }} nameOverride={itemName} /> : null}
              <div class="item-tools" role="group" aria-label={store.t('tree.actions', { what: itemName })}>
                {scalar ? null : <span class="item-name">{itemName}</span>}
                <button type="button" disabled={i === 0} onClick={() => { send([{ op: 'move', path: props.path, from: i, to: i - 1 }], itemName); store.announce(store.t('movedTo', { what: itemName, n: i, total: count })); }}>
                  {store.t('moveUp')}<span class="visually-hidden"> {itemName}</span>
                </button>
                <button type="button" disabled={i === count - 1} onClick={() => { send([{ op: 'move', path: props.path, from: i, to: i + 1 }], itemName); store.announce(store.t('movedTo', { what: itemName, n: i + 2, total: count })); }}>
                  {store.t('moveDown')}<span class="visually-hidden"> {itemName}</span>
                </button>
                <button type="button" disabled={props.model.min !== undefined && count <= props.model.min} onClick={() => { send([{ op: 'delete', path: itemPath }], itemName); store.announce(store.t('deleted', { what: itemName })); }}>
                  {store.t('remove')}<span class="visually-hidden"> {itemName}</span>
                </button>
              </div>
              {scalar ? null : <Field file={props.file} path={itemPath} value={item} info={{ key: props.info.key, required: true, schema: props.model.itemSchema, model: props.model.item }} nameOverride={itemName} />}
            </li>
          );
        })}
      </ol>
      <button type="button" disabled={props.model.max !== undefined && count >= props.model.max} onClick={add}>
        {store.t('addItem', { field: name })}
      </button>
    </fieldset>
  );
}

function idsOfCourse(store: Store): Set<string> {
  const taken = new Set<string>();
  for (const file of store.files.values()) collectIds(file.data, taken);
  return taken;
}

function collectIds(data: unknown, out: Set<string>): void {
  if (Array.isArray(data)) data.forEach((d) => collectIds(d, out));
  else if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) k === 'id' && typeof v === 'string' ? out.add(v) : collectIds(v, out);
}

export { idsOfCourse };

/** The live WCAG check of the theme colours (drafts included as they are typed). */
function ContrastTable(props: { file: string; path: DataPath; value: unknown }) {
  const store = useStore();
  const colors = { ...((props.value as Record<string, unknown>) ?? {}) };
  const editing = store.editing;
  if (editing && editing.file === props.file && editing.path.length === props.path.length + 1 && props.path.every((k, i) => k === editing.path[i])) {
    colors[String(editing.path[editing.path.length - 1])] = editing.value;
  }
  return (
    <table class="contrast">
      <caption>{store.t('contrast.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{store.t('contrast.pair')}</th>
          <th scope="col">{store.t('contrast.ratio')}</th>
          <th scope="col">{store.t('contrast.result')}</th>
        </tr>
      </thead>
      <tbody>
        {themePairs(colors).map((p) => (
          <tr key={`${p.fg}-${p.bg}`} class={p.ok ? 'ok' : 'fail'}>
            <td>{store.t('contrast.on', { fg: label(store, props.file, [...props.path, p.fg]), bg: label(store, props.file, [...props.path, p.bg]) })}</td>
            <td>{store.t('contrast.ratioValue', { ratio: store.number(p.ratio, 2) })}</td>
            <td>{p.ok ? store.t('contrast.pass') : store.t('contrast.fail')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ObjectFields(props: { file: string; path: DataPath; schema: JsonSchema; value: unknown; skipTreeKeys?: 'course' | 'node' }) {
  const schema = variantOf(props.schema, props.value) ?? props.schema;
  const fields = fieldsOf(schema).filter((f) => {
    if (f.key === 'type' && f.schema.const !== undefined) return false;
    if (props.skipTreeKeys && TREE_KEYS.has(f.key) && f.model.kind === 'array' && (f.model.item.kind === 'union' || f.model.item.kind === 'object')) return false;
    if (props.skipTreeKeys === 'course' && COURSE_TREE_KEYS.has(f.key)) return false;
    return true;
  });
  const value = (props.value ?? {}) as Record<string, unknown>;
  const isThemeColors = props.path[props.path.length - 1] === 'colors' && props.path[props.path.length - 2] === 'theme';
  return (
    <>
      {fields.map((f) => (
        <Field key={f.key} file={props.file} path={[...props.path, f.key]} value={value[f.key]} info={f} />
      ))}
      {isThemeColors ? <ContrastTable file={props.file} path={props.path} value={props.value} /> : null}
    </>
  );
}

export function Field(props: FieldProps & { nameOverride?: string }) {
  const store = useStore();
  const model = props.info.model;
  switch (model.kind) {
    case 'text':
      return <TextField {...props} markdown={model.markdown} />;
    case 'object':
    case 'union': {
      const name = props.nameOverride ?? label(store, props.file, props.path);
      return (
        <fieldset class="field object-field">
          <legend>{name}</legend>
          <Help id={`${fieldId(props.file, props.path)}-help`} text={helpOf(store, props.file, props.path, props.info.description)} />
          <ObjectFields file={props.file} path={props.path} schema={props.info.schema} value={props.value} />
        </fieldset>
      );
    }
    case 'array':
      return <ArrayField {...props} model={model} />;
    case 'asset':
      if (props.value && typeof props.value === 'object') {
        const asMap = props.value as Record<string, unknown>;
        return (
          <fieldset class="field">
            <legend>{label(store, props.file, props.path)}</legend>
            {Object.keys(asMap).map((lang) => (
              <ScalarField key={lang} file={props.file} path={[...props.path, lang]} value={asMap[lang]} info={{ ...props.info, model: { kind: 'string' }, required: true }} nameOverride={`${label(store, props.file, props.path)} (${lang})`} />
            ))}
          </fieldset>
        );
      }
      return <ScalarField {...props} info={{ ...props.info, model: { kind: 'string' } }} />;
    case 'unknown':
      return null;
    default:
      return <ScalarField {...props} />;
  }
}

/** Exported for the tree's dialogs: the model of a schema, re-exported to keep imports in one place. */
export { modelOf };
