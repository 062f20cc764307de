/**
 * The words of the studio's generated forms in every interface language: every field the forms can
 * show (walked through the same JSON Schema and form model the studio draws from, every block and
 * question type) has a label and, where the form shows one, a help text in en.json and fr.json;
 * every option of a list and every block and question type has a name. en.json's help texts are
 * the schema's descriptions, so a description changed in src/course/schema.ts fails here until its
 * French text is reviewed. The schema keys the forms compute at run time from real course files are
 * the ones walked here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchemas } from '../../../src/course/json-schema.js';
import { candidates, fieldHelp, fieldLabel, lookup, optionLabel, reachableFields, schemaKey, showsHelp, typeLabel } from '../../../src/studio/ui/app/field-text.js';
import type { Strings } from '../../../src/studio/ui/app/i18n.js';
import { modelOf, type JsonSchema } from '../../../src/studio/ui/app/schema-form.js';

const table = (lang: string) => JSON.parse(readFileSync(`templates/i18n/studio/${lang}.json`, 'utf8')) as Strings;
const en = table('en');
const fr = table('fr');
const schemas = jsonSchemas() as Record<'course' | 'module' | 'assessment', JsonSchema>;
const KINDS = ['course', 'module', 'assessment'] as const;
const fields = KINDS.flatMap((kind) => reachableFields(kind, schemas[kind]));

/** What a table lacks for the forms to be wholly in its language; `english` checks help texts equal the schema's descriptions. */
function gaps(strings: Strings, options: { english: boolean }): string[] {
  const out: string[] = [];
  for (const { key, info } of fields) {
    const where = key.join('.');
    if (!lookup(strings, candidates('field', key))) out.push(`no label for ${where} (add field.${key[key.length - 1]})`);
    if (showsHelp(info.description)) {
      const help = lookup(strings, candidates('help', key));
      if (!help) out.push(`no help text for ${where}: add help.${key.slice(-2).join('.')} (or a shorter ending) for "${info.description}"`);
      else if (options.english && help.text !== info.description) out.push(`${help.key} (used by ${where}) is not the schema's description "${info.description}": update it, and the French text`);
    }
    const model = info.model;
    if (model.kind === 'enum') for (const o of model.options) if (!lookup(strings, candidates('option', key, `.${o}`))) out.push(`no name for option ${o} of ${where} (option.${key[key.length - 1]}.${o})`);
    const item = model.kind === 'array' ? modelOf(model.itemSchema) : model;
    if (item.kind === 'union') for (const v of item.variants) if (strings[`type.${v.value}`] === undefined) out.push(`no name for type ${v.value} (type.${v.value})`);
  }
  return [...new Set(out)];
}

describe('the forms in every interface language', () => {
  it('walks every field the forms show, through every block and question type', () => {
    const keys = new Set(fields.map((f) => f.key.join('.')));
    for (const key of ['course.theme.colors.accent', 'module.pages.blocks.check.questions.matching.pairs.source', 'module.pages.blocks.scenario.nodes.choices.next', 'module.pages.blocks.hotspots.spots.x', 'assessment.questions.numeric.answer', 'assessment.passingScore']) expect(keys, key).toContain(key);
    expect(fields.filter((f) => showsHelp(f.info.description)).length).toBeGreaterThan(100);
  });

  it('has a label, a help text and option names in English (help texts = the schema descriptions) and in French', () => {
    expect(gaps(en, { english: true })).toEqual([]);
    expect(gaps(fr, { english: false })).toEqual([]);
  });

  it('fails when a French text is missing, or an English one differs from the schema', () => {
    const without = (key: string) => Object.fromEntries(Object.entries(fr).filter(([k]) => k !== key));
    expect(gaps(without('help.accordion.title'), { english: false })).toContain('no help text for module.pages.blocks.accordion.title: add help.accordion.title (or a shorter ending) for "A heading above the accordion."');
    expect(gaps(without('option.end.poor'), { english: false }).join('\n')).toMatch(/option poor of module\.pages\.blocks\.scenario\.nodes\.end/);
    expect(gaps(without('type.hotspots'), { english: false })).toContain('no name for type hotspots (type.hotspots)');
    expect(gaps({ ...en, 'help.weight': 'Old words.' }, { english: true }).join('\n')).toMatch(/help\.weight .* is not the schema's description/);
  });

  it('gives French words, not English ones, wherever the French table has them', () => {
    const same: string[] = [];
    for (const { key, info } of fields) {
      const help = fieldHelp(fr, key, info.description);
      if (help !== undefined && help === info.description) same.push(key.join('.'));
    }
    expect(same).toEqual([]);
    expect(fieldLabel(fr, ['module', 'pages', 'blocks', 'check', 'questions', 'multiple-choice', 'scoring'])).toBe('Notation');
    expect(fieldHelp(fr, ['module', 'pages', 'blocks', 'scenario', 'nodes', 'choices', 'feedback'], 'Shown after the learner picks this choice: its consequence.')).toMatch(/conséquence/);
    expect(fieldHelp(fr, ['assessment', 'questions', 'single-choice', 'choices', 'feedback'], 'Shown when the learner picks this choice.')).toMatch(/^Montré quand/);
    expect(optionLabel(fr, ['course', 'status'], 'passed-failed')).toBe('Réussi / échoué');
    expect(typeLabel(fr, 'flip-cards')).toBe('Cartes à retourner');
    // English falls back to the schema's description when its table has no entry.
    expect(fieldHelp({}, ['course', 'version'], 'Semantic version.')).toBe('Semantic version.');
  });

  it('keeps no help or option text that no field uses', () => {
    const used = new Set<string>();
    for (const { key, info } of fields) {
      const help = showsHelp(info.description) ? lookup(en, candidates('help', key)) : undefined;
      if (help) used.add(help.key);
      if (info.model.kind === 'enum') for (const o of info.model.options) used.add(lookup(en, candidates('option', key, `.${o}`))?.key ?? '');
    }
    expect(Object.keys(en).filter((k) => /^(help|option)\./.test(k) && !used.has(k))).toEqual([]);
  });

  it('computes from real course files the same schema keys it walks', () => {
    const walked = new Set(fields.map((f) => f.key.join('.')));
    const dirs = ['tests/fixtures/courses/all-types', 'tests/fixtures/courses/interactive-blocks', 'tests/fixtures/courses/media', 'tests/fixtures/courses/scenario', 'courses/counsellor-training'];
    let checked = 0;
    for (const dir of dirs) {
      const files = ['course.yaml', ...readdirSync(join(dir, 'modules')).map((f) => `modules/${f}`), ...readdirSync(dir).filter((f) => /^assessment.*\.yaml$/.test(f))];
      for (const file of files) {
        const kind = file === 'course.yaml' ? 'course' : file.startsWith('modules/') ? 'module' : 'assessment';
        const data = parse(readFileSync(join(dir, file), 'utf8')) as unknown;
        // Every property of the file that the form shows as a field of an object (not a language of a text, not a type).
        const visit = (value: unknown, path: Array<string | number>, inForm: boolean): void => {
          if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], inForm));
          else if (value && typeof value === 'object')
            for (const [k, v] of Object.entries(value)) {
              const key = schemaKey(kind, schemas[kind], data, [...path, k]);
              const shown = walked.has(key.join('.'));
              if (inForm && k !== 'type') {
                // A language of a text (`title.fr`) or of a per-language file is not a field.
                if (!shown) expect(/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(k), `${dir}/${file}: ${key.join('.')}`).toBe(true);
                else checked++;
              }
              if (shown) visit(v, [...path, k], true);
            }
        };
        visit(data, [], true);
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});
