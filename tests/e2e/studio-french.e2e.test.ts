/**
 * The studio with its interface in French, in Chromium on the real server: every screen and a form
 * of every kind (course settings, module, page, each block kind, each question type, assessment),
 * the dialogs, a refusal from the server, languages, problems, build and the new-course screen.
 * On each, no text on screen (text nodes, aria-label, title, alt) is an English interface text —
 * a value of en.json, a schema description, a field name made from its key, a raw option or type
 * value — unless French writes it the same way; and axe finds no violation.
 * Course content (titles, texts), file names and codes are not interface text and are not checked;
 * nor are `check`'s diagnostics, which the compiler writes in English.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchemas } from '../../src/course/json-schema.js';
import { reachableFields } from '../../src/studio/ui/app/field-text.js';
import { humanize, modelOf, type JsonSchema } from '../../src/studio/ui/app/schema-form.js';
import { COUNSELLOR, ROOT } from '../support/build.js';
import { useBrowser } from './support/session.js';
import { announced, expectAxeClean, openStudioPage, type StudioSession } from './support/studio-ui.js';

const browser = useBrowser();
let session: StudioSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const table = (lang: string) => JSON.parse(readFileSync(join(ROOT, 'templates/i18n/studio', `${lang}.json`), 'utf8')) as Record<string, string>;
const FIXTURES = join(ROOT, 'tests/fixtures/courses');

/** The English interface texts: exact ones, and templates with `{placeholders}` as patterns. */
function englishTexts(): { exact: string[]; patterns: string[] } {
  const en = table('en');
  const french = new Set(Object.values(table('fr')));
  const english = new Set<string>(Object.values(en));
  const schemas = jsonSchemas() as Record<string, JsonSchema>;
  for (const kind of ['course', 'module', 'assessment']) {
    for (const { key, info } of reachableFields(kind, schemas[kind]!)) {
      if (info.description) english.add(info.description);
      english.add(humanize(key[key.length - 1]!));
      const model = info.model.kind === 'array' ? modelOf(info.model.itemSchema) : info.model;
      if (model.kind === 'enum') for (const o of model.options) english.add(String(o));
      if (model.kind === 'union') for (const v of model.variants) english.add(v.value);
    }
  }
  // What French writes the same way is not a sign of English (Type, Module, Image, xAPI, coursepack studio…).
  const shown = [...english].filter((s) => !french.has(s) && /[A-Za-z]/.test(s));
  const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
  return {
    exact: shown.filter((s) => !/\{\w+\}/.test(s)),
    patterns: shown.filter((s) => /\{\w+\}/.test(s) && s.replace(/\{\w+\}/g, '').trim().length > 3).map((s) => `^${escape(s).replace(/\\?\{\w+\\?\}/g, '.+')}$`),
  };
}
const ENGLISH = englishTexts();

/** Every English interface text on the page now, with where it is. */
async function englishOnScreen(page: Page): Promise<string[]> {
  return page.evaluate(({ exact, patterns }) => {
    const set = new Set(exact);
    const res = patterns.map((p) => new RegExp(p, 's'));
    const isEnglish = (text: string) => set.has(text) || res.some((r) => r.test(text));
    const found: string[] = [];
    const where = (el: Element | null) => (el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}` : '?');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style')) continue;
      // Course content is marked with its own language (the tree's names, the form's heading): not interface text.
      if (parent.closest('[lang]')?.getAttribute('lang') !== document.documentElement.lang) continue;
      const text = (node.textContent ?? '').trim();
      if (text && isEnglish(text)) found.push(`"${text}" in ${where(parent)}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [alt]')) {
      for (const name of ['aria-label', 'title', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value && isEnglish(value)) found.push(`${name}="${value}" on ${where(el)}`);
      }
    }
    return found;
  }, ENGLISH);
}

async function expectFrench(page: Page, state: string): Promise<void> {
  expect(await englishOnScreen(page), state).toEqual([]);
}

async function toFrench(page: Page): Promise<void> {
  await page.getByLabel('Interface language').selectOption('fr');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
  await page.getByText('Langue de l’interface').waitFor();
}

/**
 * The tree rows of one of each kind and type in the course at `dir`: the course, its first module and
 * page, the first block of each kind, the first question of each type, each assessment and its first
 * question. Keys are the tree's (`file|path`), read from the course files.
 */
function rowsToVisit(dir: string): Array<{ key: string; ancestors: string[] }> {
  const read = (file: string) => parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  const course = read('course.yaml');
  const list = (v: unknown) => (Array.isArray(v) ? v : []) as Array<Record<string, unknown>>;
  const out: Array<{ key: string; ancestors: string[] }> = [{ key: 'course.yaml|', ancestors: [] }];
  const seen = new Set<string>();
  const once = (what: string) => !seen.has(what) && Boolean(seen.add(what));
  for (const file of list(course.modules) as unknown as string[]) {
    const mod = `${file}|`;
    if (once('module')) out.push({ key: mod, ancestors: [] });
    list(read(file).pages).forEach((page, pi) => {
      const pageKey = `${file}|pages.${pi}`;
      if (once('page')) out.push({ key: pageKey, ancestors: [mod] });
      list(page.blocks).forEach((block, bi) => {
        const blockKey = `${pageKey}.blocks.${bi}`;
        if (once(`block ${String(block.type)}`)) out.push({ key: blockKey, ancestors: [mod, pageKey] });
        list(block.questions).forEach((q, qi) => {
          if (once(`question ${String(q.type)}`)) out.push({ key: `${blockKey}.questions.${qi}`, ancestors: [mod, pageKey, blockKey] });
        });
      });
    });
  }
  const assessments = [...(typeof course.assessment === 'string' ? [course.assessment] : []), ...(list(course.assessments) as unknown as string[])];
  for (const file of assessments) {
    out.push({ key: `${file}|`, ancestors: [] });
    list(read(file).questions).forEach((q, qi) => {
      if (qi === 0 || once(`question ${String(q.type)}`)) out.push({ key: `${file}|questions.${qi}`, ancestors: [`${file}|`] });
    });
  }
  return out;
}

/**
 * Selects one row of each kind and type and checks its form in French, with axe. Answers the
 * kinds and types visited, as the tree names them (`block (Onglets)`).
 */
async function visitForms(page: Page, dir: string, label: string): Promise<string[]> {
  const seen: string[] = [];
  for (const { key, ancestors } of rowsToVisit(dir)) {
    for (const parent of ancestors) {
      const row = page.locator(`li[role="treeitem"][data-key="${parent}"]`);
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.twisty').click();
      await expect.poll(() => row.getAttribute('aria-expanded')).toBe('true');
    }
    const item = page.locator(`li[role="treeitem"][data-key="${key}"]`);
    await item.click();
    await expect.poll(() => item.getAttribute('aria-selected')).toBe('true');
    // The form is the selected row's: its heading names the row, its fields are drawn.
    const name = (await item.locator('.row-name').textContent()) ?? '';
    await expect.poll(() => page.locator('#editor-title').textContent()).toContain(name);
    await page.locator('.node-form').waitFor();
    const what = `${(await item.getAttribute('class'))!.match(/kind-(\w+)/)![1]}${await item.evaluate((li) => li.querySelector('.type')?.textContent ?? '')}`;
    seen.push(what);
    await expectFrench(page, `${label}: form of ${what} (${key})`);
    await expectAxeClean(page, `${label}: form of ${what}, in French`);
  }
  return seen;
}

describe('coursepack studio in French', () => {
  it('shows every form, block kind and question type of the counsellor training in French, with its dialogs, a refusal from the server, languages, problems and a conflict', async () => {
    session = await openStudioPage(browser(), COUNSELLOR);
    const { page } = session;
    await page.getByRole('tree').getByRole('treeitem').first().waitFor();
    // The same look-out finds the English interface (so it would find English left in French).
    await page.locator('.node-form').waitFor();
    expect((await englishOnScreen(page)).length).toBeGreaterThan(20);
    await toFrench(page);
    await expectFrench(page, 'structure');
    const seen = await visitForms(page, COUNSELLOR, 'counsellor training');
    for (const kind of ['course', 'module', 'page', 'assessment']) expect(seen.some((s) => s.startsWith(kind)), kind).toBe(true);
    const types = ['Texte', 'Image', 'Encadré', 'Témoignage', 'Vérification des acquis', 'Accordéon', 'Cartes à retourner', 'Étapes pas à pas', 'Scénario', 'Choix unique', 'Choix multiple', 'Vrai ou faux', 'Texte à trous', 'Numérique', 'Appariement', 'Mise en ordre', 'Échelle de Likert', 'Texte libre'];
    for (const type of types) expect(seen.some((s) => s.endsWith(`(${type})`)), type).toBe(true);

    // The dialogs of a page: add a block (its types by name), add an image refused by the server, rename, delete.
    const tree = page.getByRole('tree');
    await tree.locator('li.kind-page').first().click();
    const dialog = page.locator('dialog[open]');
    await page.getByRole('button', { name: 'Ajouter un bloc' }).click();
    await dialog.getByLabel('Type').waitFor();
    expect(await dialog.getByLabel('Type').locator('option').allTextContents()).toContain('Vérification des acquis');
    await expectFrench(page, 'add a block');
    await expectAxeClean(page, 'add a block, in French');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'Ajouter une image' }).click();
    await dialog.getByLabel('Fichier image').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') });
    await dialog.getByLabel('Texte alternatif (en)').fill('A chart');
    await dialog.getByRole('button', { name: 'Téléverser et ajouter' }).click();
    await dialog.getByText('notes.png n’est pas une image PNG, JPEG, GIF, WebP ou SVG.').waitFor();
    await expectFrench(page, 'image dialog with the server’s refusal');
    await expectAxeClean(page, 'image dialog with an error, in French');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'Renommer' }).click();
    await dialog.getByLabel('Titre (en)').waitFor();
    await expectFrench(page, 'rename');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('button', { name: 'Supprimer' }).click();
    await page.getByRole('alertdialog').waitFor();
    await expectFrench(page, 'delete');
    await expectAxeClean(page, 'delete, in French');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Annuler' }).click();

    // Languages, problems.
    await page.getByRole('button', { name: 'Langues' }).first().click();
    await page.getByText(/Traduits : \d+/).waitFor();
    await expectFrench(page, 'languages');
    await page.getByRole('button', { name: /^Problèmes/ }).click();
    await page.getByRole('heading', { name: 'Problèmes' }).waitFor();
    await expectFrench(page, 'problems');
    await expectAxeClean(page, 'problems, in French');

    // The conflict dialog: a change on disk while a field is being edited (the save is held until
    // the disk is written, so the conflict always happens).
    await page.getByRole('button', { name: 'Structure', exact: true }).click();
    const module1 = 'modules/01-the-sector.yaml';
    await tree.locator(`li[data-key="${module1}|"]`).click();
    const title = page.getByLabel('Titre (en)', { exact: true });
    await title.waitFor();
    let written!: () => void;
    const onDisk = new Promise<void>((r) => (written = r));
    await page.route('**/api/edit', async (route) => {
      await onDisk;
      await route.continue();
    });
    await title.fill('Module 1, brouillon');
    writeFileSync(join(session.dir, module1), session.read(module1).replace('Women and work in Europe', 'Women and work across Europe'));
    written();
    const conflict = page.locator('dialog[open][role="alertdialog"]');
    await conflict.getByRole('heading', { name: 'Ceci a été modifié ailleurs' }).waitFor({ timeout: 20_000 });
    await expectFrench(page, 'conflict');
    await expectAxeClean(page, 'conflict, in French');
    await conflict.getByRole('button', { name: 'Garder la version du disque' }).click();
    await expect.poll(() => conflict.count()).toBe(0);
    expect(session.errors).toEqual([]);
  }, 600_000);

  it('shows hotspots, tabs, video and audio in French, and builds', async () => {
    for (const course of ['interactive-blocks', 'media']) {
      session = await openStudioPage(browser(), join(FIXTURES, course));
      const { page } = session;
      await page.getByRole('tree').getByRole('treeitem').first().waitFor();
      await toFrench(page);
      const seen = await visitForms(page, join(FIXTURES, course), course);
      const wanted = course === 'media' ? ['Vidéo', 'Audio'] : ['Points sur une image', 'Onglets'];
      for (const type of wanted) expect(seen.some((s) => s.endsWith(`(${type})`)), type).toBe(true);
      if (course === 'media') {
        await page.getByRole('button', { name: 'Construire', exact: true }).click();
        await page.getByRole('button', { name: 'Construire les paquets' }).click();
        await announced(page, /Construction terminée : \d+ paquets|La construction s’est arrêtée/);
        await page.locator('table.packages, .diagnostics').first().waitFor();
        await expectFrench(page, 'build results');
        await expectAxeClean(page, 'build results, in French');
        expect(await page.locator('table.packages').textContent()).toMatch(/\d,\d Ko/);
      }
      expect(session.errors).toEqual([]);
      await session.close();
      session = undefined;
    }
  });

  it('creates a course in French, and says in French why the server refused an id', async () => {
    session = await openStudioPage(browser());
    const { page } = session;
    await page.getByRole('heading', { name: 'Create a course' }).waitFor();
    await toFrench(page);
    await page.getByRole('heading', { name: 'Créer un cours' }).waitFor();
    await expectFrench(page, 'new course');
    await page.getByLabel('Titre du cours').fill('Gestes sûrs');
    await page.getByLabel('Identifiant du cours').fill('Pas un identifiant');
    await page.getByRole('button', { name: 'Créer le cours' }).click();
    await page.getByRole('alert').getByText(/L’identifiant doit être fait de lettres minuscules/).waitFor();
    await expectFrench(page, 'new course refused');
    await expectAxeClean(page, 'new course refused, in French');
    expect(session.errors).toEqual([]);
  });
});
