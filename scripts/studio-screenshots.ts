/**
 * The screenshots of docs/studio.md (docs/images/studio/*.png, 1280 px wide): the studio on a
 * temporary copy of the counsellor training, and on an empty folder, in Debian's Chromium.
 * Run again after a visible change: `npx tsx scripts/studio-screenshots.ts`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { ROOT } from '../src/paths.js';
import { startStudio } from '../src/studio/server/index.js';

const OUT = join(ROOT, 'docs', 'images', 'studio');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

mkdirSync(OUT, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ARGS,
  viewport: { width: 1280, height: 800 },
  locale: 'en-GB',
});
const shot = async (page: Page, name: string, top = true) => {
  await page.waitForTimeout(800);
  if (top) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  process.stdout.write(`docs/images/studio/${name}.png\n`);
};

async function withStudio(source: string | null, run: (page: Page, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'studio-shots-'));
  if (source) cpSync(source, dir, { recursive: true });
  const studio = await startStudio({ courseDir: dir, port: 0, cwd: dir });
  const page = await context.newPage();
  try {
    await page.goto(studio.url);
    await run(page, dir);
  } finally {
    await page.close();
    await studio.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await withStudio(null, async (page) => {
  await page.getByRole('heading', { name: 'Create a course' }).waitFor();
  await page.getByLabel('Course title').fill('Safe lifting at work');
  await page.getByLabel('Languages').fill('en, fr');
  await shot(page, 'new-course');
});

await withStudio(join(ROOT, 'courses', 'counsellor-training'), async (page, dir) => {
  const tree = page.getByRole('tree');
  await tree.getByRole('treeitem').first().waitFor();
  await page.getByRole('group', { name: 'Colors', exact: true }).scrollIntoViewIfNeeded();
  await page.getByRole('group', { name: 'Colors', exact: true }).getByLabel('Accent', { exact: true }).fill('#9a86e0');
  await page.getByRole('table', { name: /Contrast/ }).evaluate((table) => table.scrollIntoView({ block: 'end' }));
  await shot(page, 'course-settings', false);
  await page.getByRole('group', { name: 'Colors', exact: true }).getByLabel('Accent', { exact: true }).fill('#5b3cc4');
  await page.waitForTimeout(1500);

  await tree.getByRole('treeitem', { name: /Module 1/ }).click();
  for (const key of ['ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowDown']) await page.keyboard.press(key);
  await page.frameLocator('.preview iframe').frameLocator('#course').locator('html[data-cp-ready]').waitFor({ state: 'attached', timeout: 30_000 });
  await shot(page, 'structure');

  await tree.getByRole('treeitem', { name: /Page: Check your understanding/ }).first().click();
  await page.keyboard.press('ArrowRight');
  await tree.getByRole('treeitem', { name: /\(check\)/ }).first().click();
  for (const key of ['ArrowRight', 'ArrowDown']) await page.keyboard.press(key);
  await page.locator('.editor').getByRole('group', { name: /^Choices/ }).first().waitFor();
  await shot(page, 'question');

  await tree.getByRole('treeitem', { name: /Page: Women and work/ }).click();
  await page.getByRole('button', { name: 'Add an image' }).click();
  await page.getByLabel('Image file').setInputFiles(join(ROOT, 'courses', 'counsellor-training', 'assets', 'guidance-journey-en.svg'));
  await page.getByRole('button', { name: 'Upload and add' }).click();
  await page.getByRole('alert').waitFor();
  await shot(page, 'image');
  await page.keyboard.press('Escape');

  // Someone edits the module in another editor while the designer types its title.
  await tree.getByRole('treeitem', { name: /Module 1/ }).click();
  const file = join(dir, 'modules', '01-the-sector.yaml');
  const before = readFileSync(file, 'utf8');
  await page.getByLabel('Title (en)', { exact: true }).fill('Module 1: Why coding careers? (new)');
  writeFileSync(file, before.replace('Module 1: Why coding careers?', 'Module 1: Why coding?'));
  await page.getByRole('alertdialog').waitFor({ timeout: 20_000 });
  await shot(page, 'conflict');
  await page.getByRole('button', { name: 'Keep the version on disk' }).click();

  await page.getByRole('button', { name: 'Languages' }).first().click();
  await page.getByText(/Translated: \d+/).waitFor();
  await shot(page, 'languages');

  await page.getByRole('button', { name: 'Build', exact: true }).click();
  await page.getByRole('button', { name: 'Build the packages' }).click();
  await page.locator('table.packages').waitFor({ timeout: 120_000 });
  await shot(page, 'build');
});

await context.close();
rmSync(profile, { recursive: true, force: true });
