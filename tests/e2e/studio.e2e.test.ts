/**
 * `coursepack studio` in Chromium, driven as a designer would, against the real server
 * (src/studio/server) on a temporary copy of a course: keyboard-only structure edits, one-field
 * edits that change only their lines, undo, changes on disk during an edit (a visible conflict,
 * nothing lost), and the whole journey from an empty folder to built packages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COUNSELLOR, ROOT } from '../support/build.js';
import { lineDiff } from '../support/line-diff.js';
import { TARGET_IDS } from '../../src/targets/ids.js';
import { useBrowser } from './support/session.js';
import { announced, expectAxeClean, openStudioPage, tabTo, until, type StudioSession } from './support/studio-ui.js';

const browser = useBrowser();
let session: StudioSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const MODULE = 'modules/01-the-sector.yaml';
const pageIds = (text: string) => (parse(text) as { pages: Array<{ id: string }> }).pages.map((p) => p.id);

describe('coursepack studio', () => {
  it('reorders, edits, undoes, renames, duplicates, deletes and adds with the keyboard only; a one-field edit changes only its lines', async () => {
    session = await openStudioPage(browser(), COUNSELLOR);
    const { page } = session;
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem').first().waitFor();
    await expectAxeClean(page, 'structure: course selected');

    // Into the tree (one tab stop), down to module 1, open it, down to its first page.
    await tabTo(page, tree.locator('[role="treeitem"][tabindex="0"]'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    // The module's pages are in the tree before the next key (a key pressed first went to module 2).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-expanded'))).toBe('true');
    await page.keyboard.press('ArrowDown');
    const before = session.read(MODULE);
    const [first, second] = pageIds(before);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Why this module?');

    // Alt+ArrowDown moves the page after the next one, announced in the live region; focus stays on it.
    await page.keyboard.press('Alt+ArrowDown');
    await announced(page, /moved to position 2 of/);
    await until('the pages swapped on disk', () => pageIds(session!.read(MODULE))[0] === second);
    expect(pageIds(session.read(MODULE)).slice(0, 2)).toEqual([second, first]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Why this module?');
    const moved = session.read(MODULE);
    await expectAxeClean(page, 'structure: page selected');

    // Tab to the page's English title, replace it: one set op, only that line changes.
    await tabTo(page, page.getByLabel('Title (en)', { exact: true }));
    await page.keyboard.press('Control+A');
    // One input event (as a paste or an input method gives): typed key by key, a loaded machine can
    // pause longer than the save delay between two keys, and the title is then saved in two steps,
    // which one Undo does not take back whole.
    await page.keyboard.insertText('Why coding, and why now?');
    await until('the title saved', () => session!.read(MODULE).includes('Why coding, and why now?'));
    const diff = lineDiff(moved, session.read(MODULE));
    expect(diff.removed).toHaveLength(1);
    expect(diff.added).toHaveLength(1);
    expect(diff.removed[0]).toContain('Why this module?');
    expect(diff.added[0]).toContain('Why coding, and why now?');

    // Undo (a button reached by Tab) restores the bytes before the edit, then the move.
    await tabTo(page, page.getByRole('button', { name: 'Undo' }), { back: true });
    await page.keyboard.press('Enter');
    await until('the title undone', () => session!.read(MODULE) === moved);
    await page.keyboard.press('Control+Z');
    await until('the move undone', () => session!.read(MODULE) === before);
    await page.keyboard.press('Control+Shift+Z');
    await until('the move redone', () => session!.read(MODULE) === moved);

    // Rename (F2 in the tree), duplicate, delete and add, each with the keyboard only.
    await tabTo(page, tree.locator('[role="treeitem"][tabindex="0"]'));
    await page.keyboard.press('F2');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rename-input');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Why coding?');
    await page.keyboard.press('Enter');
    await announced(page, /Renamed to Why coding\?/);
    await until('renamed on disk', () => session!.read(MODULE).includes('en: Why coding?'));
    await tabTo(page, page.getByRole('button', { name: 'Duplicate' }), { back: true });
    await page.keyboard.press('Enter');
    await announced(page, /Duplicated/);
    await until('the copy on disk', () => pageIds(session!.read(MODULE)).includes(`${first}-copy`));
    await tabTo(page, tree.locator('[role="treeitem"][tabindex="0"]'));
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe(`${MODULE}|pages.2`);
    const others = pageIds(session.read(MODULE)).filter((id) => id !== `${first}-copy`);
    await tabTo(page, page.getByRole('button', { name: 'Delete' }), { back: true });
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('alertdialog');
    await confirm.waitFor();
    await expectAxeClean(page, 'delete dialog');
    await tabTo(page, confirm.getByRole('button', { name: 'Delete' }), { back: true, max: 5 });
    await page.keyboard.press('Enter');
    await announced(page, /Deleted/);
    await until('the copy deleted', () => !pageIds(session!.read(MODULE)).includes(`${first}-copy`));
    expect(pageIds(session.read(MODULE))).toEqual(others);
    await tabTo(page, page.getByRole('button', { name: 'Add a page' }), { back: true });
    await page.keyboard.press('Enter');
    // The dialog puts the focus in its title box.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('add-title');
    await page.keyboard.type('Typed, never clicked');
    await page.keyboard.press('Enter');
    await announced(page, /Added: Typed, never clicked/);
    await until('the new page on disk', () => pageIds(session!.read(MODULE)).includes('typed-never-clicked'));
    expect(session.errors).toEqual([]);
  });

  it('moves through the tree from where the previous key landed, even when keys come faster than the tree renders', async () => {
    session = await openStudioPage(browser(), COUNSELLOR);
    const { page } = session;
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem', { name: /Module 1/ }).click();
    await expect.poll(() => tree.locator('[aria-selected="true"]').textContent()).toMatch(/Module 1/);
    // Four keys in one synchronous burst: the tree cannot re-render between them, so each key must be
    // read against the store (module 1 opened, its first page reached, opened, its first block).
    // Read against the last render, the second key went to module 2 (seen on a loaded CI machine).
    await page.evaluate(() => {
      for (const key of ['ArrowRight', 'ArrowDown', 'ArrowRight', 'ArrowDown']) {
        document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      }
    });
    const selected = tree.locator('[aria-selected="true"]');
    await expect.poll(() => selected.getAttribute('aria-level')).toBe('4');
    expect(await selected.getAttribute('aria-posinset')).toBe('1');
    const parent = await page.evaluate(() => {
      const items = [...document.querySelectorAll('[role="treeitem"]')];
      const at = items.findIndex((el) => el.getAttribute('aria-selected') === 'true');
      return items[at - 1]?.textContent ?? '';
    });
    expect(parent).toContain('Why this module?');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
  });

  it('moves a page twice when Alt+ArrowDown comes twice before the first move is saved, and acts on the row just selected', async () => {
    session = await openStudioPage(browser(), COUNSELLOR);
    const { page } = session;
    const tree = page.getByRole('tree');
    const [first, second, third] = pageIds(session.read(MODULE));
    await tree.getByRole('treeitem', { name: /Module 1/ }).click();
    await page.keyboard.press('ArrowRight');
    const why = tree.getByRole('treeitem', { name: /Page: Why this module\?/ });
    await why.click();
    await expect.poll(() => why.getAttribute('aria-selected')).toBe('true');
    // Two moves in one burst: the second is sent while the first is still on its way to the server.
    // Each must move the page from where the previous one put it (read as the first left the store);
    // computed from the tree as it was, the second moved the other page back (no change on disk).
    await page.evaluate(() => {
      for (let i = 0; i < 2; i++) document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true, cancelable: true }));
    });
    await announced(page, /Why this module\? moved to position 3 of/);
    await until('the page moved down twice', () => pageIds(session!.read(MODULE)).slice(0, 3).join() === [second, third, first].join());
    await expect.poll(() => tree.locator('[aria-selected="true"]').textContent()).toContain('Why this module?');
    expect(await tree.locator('[aria-selected="true"]').getAttribute('aria-posinset')).toBe('3');

    // A row clicked and a toolbar button pressed in the same moment: the button acts on that row
    // (the toolbar as last drawn belonged to the page), here duplicating Module 2, not the page.
    await page.evaluate(() => {
      const rows = [...document.querySelectorAll<HTMLElement>('[role="treeitem"]')];
      rows.find((r) => /Module 2/.test(r.textContent ?? ''))!.click();
      [...document.querySelectorAll<HTMLButtonElement>('.tree-toolbar button')].find((b) => b.textContent === 'Duplicate')!.click();
    });
    await announced(page, /Duplicated: Module 2/);
    await until('module 2 copied', () => (parse(session!.read('course.yaml')) as { modules: string[] }).modules.includes('modules/02-jobs-copy.yaml'));
    expect(pageIds(session.read(MODULE))).not.toContain(`${first}-copy`);
    expect(session.errors).toEqual([]);
  });

  it('shows a conflict when the file changes on disk during an edit, and loses neither side; duplicates a module', async () => {
    session = await openStudioPage(browser(), COUNSELLOR);
    const { page } = session;
    await page.getByRole('treeitem', { name: /Module 1/ }).click();
    const title = page.getByLabel('Title (en)', { exact: true });
    await title.waitFor();
    const original = session.read(MODULE);

    const editsInFlight = new Set<unknown>();
    page.on('request', (r) => r.url().includes('/api/edit') && editsInFlight.add(r));
    page.on('requestfinished', (r) => editsInFlight.delete(r));
    page.on('requestfailed', (r) => editsInFlight.delete(r));

    // Edits reach the server only once the change on disk below is made: the server runs in this
    // process, so without this a busy machine can let the studio's save in first (no conflict then).
    let written = Promise.resolve();
    await page.route('**/api/edit', async (route) => {
      await written;
      await route.continue();
    });
    const onDisk = (text: string) => {
      let done!: () => void;
      written = new Promise((r) => (done = r));
      return () => {
        writeFileSync(join(session!.dir, MODULE), text);
        done();
      };
    };

    // The designer types; meanwhile someone else changes another line of the same file.
    const theirs = original.replace('Women and work in Europe', 'Women and work across Europe');
    expect(theirs).not.toBe(original);
    const writeTheirs = onDisk(theirs);
    await title.fill('Module 1: Why coding careers? (draft)');
    writeTheirs();

    // The open modal dialog, as the designer sees it.
    const dialog = page.locator('dialog[open][role="alertdialog"]');
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(1);
    await expect(dialog.getByRole('heading', { name: 'This was changed somewhere else' }).isVisible()).resolves.toBe(true);
    await expect.poll(() => dialog.textContent()).toContain('Module 1: Why coding careers? (draft)');
    await expectAxeClean(page, 'conflict dialog');
    // Nothing was written over their change while the dialog is open.
    expect(session.read(MODULE)).toBe(theirs);
    await dialog.getByRole('button', { name: 'Apply mine again' }).click();
    await until('mine applied on top of theirs', () => session!.read(MODULE).includes('(draft)'));
    const both = session.read(MODULE);
    expect(both).toContain('Women and work across Europe');
    expect(lineDiff(theirs, both).removed).toHaveLength(1);

    // The same again on the same field: "keep theirs" keeps the disk's text, in the file and the form.
    // Once the tree shows the saved title, the studio has finished with that save.
    await page.getByRole('treeitem', { name: /Module 1: Why coding careers\? \(draft\)/ }).waitFor();
    const writeAgain = onDisk(both.replace('Module 1: Why coding careers? (draft)', 'Module 1: Theirs'));
    await title.fill('Mine, not kept');
    writeAgain();
    await expect.poll(() => dialog.count(), { timeout: 20_000 }).toBe(1);
    await dialog.getByRole('button', { name: 'Keep the version on disk' }).click();
    // The field shows the disk's text again: it dropped what was typed, and its pending save with it.
    await expect.poll(() => title.inputValue(), { timeout: 20_000 }).toBe('Module 1: Theirs');
    await expect.poll(() => dialog.count()).toBe(0);
    // Every save the page sent has been answered before the file is read.
    await until('no save in flight', () => editsInFlight.size === 0);
    expect(session.read(MODULE)).toContain('Module 1: Theirs');
    expect(session.read(MODULE)).not.toContain('Mine, not kept');

    // Duplicating a module makes a new file, listed right after the original, its ids made unique.
    await page.getByRole('treeitem', { name: /Module 2/ }).click();
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await announced(page, /Duplicated: Module 2/);
    const modules = () => (parse(session!.read('course.yaml')) as { modules: string[] }).modules;
    await until('the copy listed', () => modules()[2] === 'modules/02-jobs-copy.yaml');
    const copy = parse(session.read('modules/02-jobs-copy.yaml')) as { id: string; pages: Array<{ id: string }> };
    const jobs = parse(session.read('modules/02-jobs.yaml')) as { id: string; pages: Array<{ id: string }> };
    expect(copy.id).toBe(`${jobs.id}-copy`);
    expect(copy.pages.map((p) => p.id)).toEqual(jobs.pages.map((p) => `${p.id}-copy`));
    expect(session.errors).toEqual([]);
  });

  it('takes a designer from an empty folder to a translated, checked course built for every target', async () => {
    session = await openStudioPage(browser());
    const { page } = session;

    // An empty folder: the studio offers to create the course.
    await page.getByRole('heading', { name: 'Create a course' }).waitFor();
    await expectAxeClean(page, 'new course');
    await page.getByLabel('Course title').fill('Safe lifting at work');
    await page.getByLabel('Languages').fill('en, fr');
    await page.getByRole('button', { name: 'Create the course' }).click();
    const tree = page.getByRole('tree');
    const dialog = page.locator('dialog[open]');
    await tree.getByRole('treeitem', { name: /Safe lifting at work/ }).waitFor();
    expect(session.read('course.yaml')).toContain('Safe lifting at work');

    // A module, then a page in it.
    await tree.getByRole('treeitem', { name: /Safe lifting at work/ }).click();
    await page.getByRole('button', { name: 'Add a module' }).click();
    await expectAxeClean(page, 'add dialog');
    await dialog.getByLabel('Title (en)').fill('Lifting basics');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await tree.getByRole('treeitem', { name: /Module: Lifting basics/ }).waitFor();
    const moduleFile = (parse(session.read('course.yaml')) as { modules: string[] }).modules.find((m) => m.includes('lifting-basics'))!;
    expect(moduleFile).toBeTruthy();
    await page.getByRole('button', { name: 'Add a page' }).click();
    await dialog.getByLabel('Title (en)').fill('Lifting safely');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const lifting = tree.getByRole('treeitem', { name: /Page: Lifting safely/ });
    await lifting.waitFor();

    // An image: uploaded with its alt text before the block is written.
    await page.getByRole('button', { name: 'Add an image' }).click();
    await dialog.getByLabel('Image file').setInputFiles(join(COUNSELLOR, 'assets', 'guidance-journey-en.svg'));
    await dialog.getByRole('button', { name: 'Upload and add' }).click();
    await page.getByText('Write the alt text in en, or mark the image as decorative.').waitFor();
    await expectAxeClean(page, 'image dialog with an error');
    await dialog.getByLabel('Alt text (en)').fill('The steps of a guidance journey');
    await dialog.getByRole('button', { name: 'Upload and add' }).click();
    await announced(page, /Image added: assets\//);
    const imageBlock = () => (parse(session!.read(moduleFile)) as { pages: Array<{ id: string; blocks: Array<Record<string, unknown>> }> }).pages.find((p) => p.id === 'lifting-safely')?.blocks.find((b) => b.type === 'image');
    await until('the image block written', () => imageBlock() !== undefined);
    expect(imageBlock()).toMatchObject({ alt: { en: 'The steps of a guidance journey' } });
    expect(existsSync(join(session.dir, String(imageBlock()!.src)))).toBe(true);

    // A knowledge check with a multiple-choice question (the check's starter question deleted).
    await lifting.click();
    await page.getByRole('button', { name: 'Add a block' }).click();
    await dialog.getByLabel('Type').selectOption('check');
    await dialog.getByLabel('Text (en)').fill('Check your lifting');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const check = tree.getByRole('treeitem', { name: /Block: Check your lifting/ });
    await check.waitFor();
    await page.getByRole('button', { name: 'Add a question' }).click();
    await dialog.getByLabel('Type').selectOption('multiple-choice');
    await dialog.getByLabel('Question (en)').fill('Which of these help you lift safely?');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await tree.getByRole('treeitem', { name: /Question: Which of these/ }).waitFor();
    const choice = (n: number) => page.getByRole('group', { name: `Choices ${n}`, exact: true });
    await choice(1).getByLabel('Text (en)').fill('Bend your knees');
    await choice(1).getByLabel('Correct').check();
    await choice(2).getByLabel('Text (en)').fill('Twist your back');
    await choice(2).getByLabel('Text (en)').blur();
    await expectAxeClean(page, 'question form');
    await until('the question written', () => session!.read(moduleFile).includes('Twist your back') && /correct: true/.test(session!.read(moduleFile)));
    await tree.getByRole('treeitem', { name: /Question: Write here/ }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await announced(page, /Deleted/);

    // A second page, moved before the first with the keyboard.
    await tree.getByRole('treeitem', { name: /Module: Lifting basics/ }).click();
    await page.getByRole('button', { name: 'Add a page' }).click();
    await dialog.getByLabel('Title (en)').fill('Before you lift');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    const before = tree.getByRole('treeitem', { name: /Page: Before you lift/ });
    await before.waitFor();
    const order = () => (parse(session!.read(moduleFile)) as { pages: Array<{ id: string }> }).pages.map((p) => p.id);
    const start = order();
    await before.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await announced(page, /Before you lift moved to position/);
    await until('the page moved up', () => order().indexOf('before-you-lift') === start.indexOf('before-you-lift') - 1);

    // French: every missing text translated on the Languages screen.
    await page.getByRole('button', { name: 'Languages' }).first().click();
    await page.getByRole('heading', { name: 'Languages' }).waitFor();
    await page.getByText(/Missing: [1-9]/).waitFor();
    await expectAxeClean(page, 'languages');
    for (let round = 0; round < 60; round++) {
      const row = page.locator('tr.state-missing').first();
      if ((await row.count()) === 0) break;
      const key = (await row.locator('td.where').textContent()) ?? '';
      const source = (await row.locator('td.source').textContent()) ?? '';
      await row.locator('textarea').fill(`FR ${source}`);
      await row.locator('textarea').blur();
      await expect.poll(async () => (await page.locator('tr.state-missing td.where').allTextContents()).includes(key), { timeout: 20_000 }).toBe(false);
    }
    await page.getByText('Missing: 0.').waitFor({ timeout: 20_000 });
    expect(session.read(moduleFile)).toContain('FR Which of these help you lift safely?');

    // No problem left; the build makes every package.
    await page.getByRole('button', { name: /^Problems/ }).click();
    await page.getByText('No problems found.').waitFor({ timeout: 30_000 });
    await expectAxeClean(page, 'problems');
    await page.getByRole('button', { name: 'Build', exact: true }).click();
    await page.getByRole('button', { name: 'Build the packages' }).click();
    await announced(page, /Build finished: \d+ packages/);
    await expectAxeClean(page, 'build results');
    expect(await page.locator('table.packages tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(session.errors).toEqual([]);

    // The folder is an ordinary course: `coursepack check` passes and every target builds.
    // The CLI's main() in a separate process, as in tests/integration/reproducible.test.ts; a non-zero exit throws.
    const main = pathToFileURL(join(ROOT, 'src/cli/main.ts')).href;
    const cli = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `import { main } from ${JSON.stringify(main)}; process.exitCode = await main(${JSON.stringify(args)});`], { cwd: ROOT, encoding: 'utf8' });
    cli('check', session.dir);
    const out = join(session.dir, 'dist-cli');
    cli('build', session.dir, '--target', TARGET_IDS.join(','), '--out', out);
    const built = readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.zip'));
    for (const target of TARGET_IDS) for (const lang of ['en', 'fr']) expect(built.some((f) => f.endsWith(`-${lang}-${target}.zip`)), `${target} ${lang} in ${built.join(', ')}`).toBe(true);
  });

  it('checks theme contrast live, shows diagnostics at the field, formats Markdown, previews the page, reorders by drag and drop, adds an image per language, exports XLIFF, speaks French', async () => {
    session = await openStudioPage(browser(), COUNSELLOR);
    const { page } = session;
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem').first().waitFor();

    // Theme: a low-contrast accent is flagged while typing, then by check at the field once saved.
    const colors = page.getByRole('group', { name: 'Colors', exact: true });
    await colors.getByLabel('Accent', { exact: true }).fill('#aaaaaa');
    const contrast = page.getByRole('table', { name: /Contrast of the theme colours/ });
    await expect.poll(() => contrast.getByRole('row', { name: /Accent on Background/ }).textContent()).toMatch(/Too low/);
    await expect.poll(() => colors.locator('.field-problems').first().textContent(), { timeout: 30_000 }).toMatch(/contrast/);
    await expect.poll(() => colors.getByLabel('Accent', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(page, 'course settings with a contrast problem');
    // The Problems screen lists it; its link brings the designer back to the field.
    await page.getByRole('button', { name: /^Problems/ }).click();
    await page.getByRole('button', { name: /^course\.yaml:\d+:\d+$/ }).first().click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('#aaaaaa');
    // Fixed there (a course with errors has no preview): the problem goes away.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('#4b2fb0');
    await page.keyboard.press('Tab');
    await expect.poll(() => colors.locator('.field-problems').count(), { timeout: 30_000 }).toBe(0);

    // Markdown toolbar: Bold on the selected words of a text block.
    await tree.getByRole('treeitem', { name: /Module 1/ }).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const body = page.getByLabel('Body (en)', { exact: true });
    await body.waitFor();
    const text = await body.inputValue();
    await body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 3));
    await page.getByRole('toolbar', { name: 'Formatting of Body (en)' }).getByRole('button', { name: 'Bold' }).click();
    expect(await body.inputValue()).toBe(`**${text.slice(0, 3)}**${text.slice(3)}`);
    await until('the bold text saved', () => session!.read(MODULE).includes(`**${text.slice(0, 3)}**`));

    // The preview follows the page being edited and shows the saved text.
    // (The preview page is the simulated LMS; the player is its #course frame.)
    const player = page.frameLocator('.preview iframe').frameLocator('#course');
    await expect.poll(() => player.locator('h1, h2').allTextContents(), { timeout: 30_000 }).toContain('Why this module?');
    await expect.poll(() => player.locator('main').textContent(), { timeout: 30_000 }).toContain(text.slice(0, 3));

    // Drag and drop: the first page dropped on the second takes its place.
    const ids = pageIds(session.read(MODULE));
    await tree.getByRole('treeitem', { name: /Page: Why this module\?/ }).dragTo(tree.getByRole('treeitem', { name: /Page: Women and work in Europe/ }));
    await until('the page dragged', () => pageIds(session!.read(MODULE))[1] === ids[0]);
    expect(pageIds(session.read(MODULE)).slice(0, 2)).toEqual([ids[1], ids[0]]);

    // An image with words in it: one file per language, alt text required first. The tree shows
    // the new order first (the file on disk changes before the tree reloads: a click in between
    // would select the row that is about to hold the other page).
    const women = tree.getByRole('treeitem', { name: /Page: Women and work in Europe/ });
    await expect.poll(() => women.getAttribute('aria-posinset'), { timeout: 10_000 }).toBe('1');
    await women.click();
    await expect.poll(() => women.getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    await page.getByRole('button', { name: 'Add an image' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('One file per language').check();
    await dialog.getByLabel('Image file for en').setInputFiles(join(COUNSELLOR, 'assets', 'guidance-journey-en.svg'));
    await dialog.getByLabel('Image file for fr').setInputFiles(join(COUNSELLOR, 'assets', 'guidance-journey-fr.svg'));
    await dialog.getByLabel('Alt text (en)').fill('The guidance journey, step by step');
    await dialog.getByLabel('Alt text (fr)').fill('Le parcours d’accompagnement, étape par étape');
    await dialog.getByRole('button', { name: 'Upload and add' }).click();
    await announced(page, /Image added/);
    const images = () => (parse(session!.read(MODULE)) as { pages: Array<{ blocks: Array<Record<string, unknown>> }> }).pages[0]!.blocks.filter((b) => b.type === 'image');
    await until('the image block written', () => images().length === 1);
    const src = images()[0]!.src as Record<string, string>;
    expect(Object.keys(src)).toEqual(['en', 'fr']);
    for (const path of Object.values(src)) expect(existsSync(join(session.dir, path))).toBe(true);

    // XLIFF: the export is a download of the French texts; importing it back changes nothing.
    await page.getByRole('button', { name: 'Languages' }).first().click();
    await page.getByText(/Translated: \d+/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLIFF' }).click()]);
    const xliff = join(session.dir, 'export.xlf');
    await download.saveAs(xliff);
    expect(readFileSync(xliff, 'utf8')).toMatch(/<xliff[^>]*version="1.2"/);
    await page.getByLabel('Import XLIFF').setInputFiles(xliff);
    await announced(page, /Translations imported into 0 file/);

    // The interface in French.
    await page.getByLabel('Interface language').selectOption('fr');
    await page.getByRole('heading', { name: 'Langues' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await expectAxeClean(page, 'languages, in French');
    expect(session.errors).toEqual([]);
  });
});
