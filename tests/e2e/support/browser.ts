/** Launches the system Chromium with playwright-core as TESTING.md §2 shows (never a downloaded browser). */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}. Install Debian's Chromium with \`apt-get install -y chromium\` ` +
      '(or set CHROMIUM_PATH); never let a package download its own browser.');
  }
  return path;
}

/** `bypassCSP`: pages ignore their Content-Security-Policy (tests that must see what an injected script would do). */
export async function launchBrowser(options: { bypassCSP?: boolean } = {}): Promise<Browser> {
  const executablePath = chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
