/** Validates a manifest with the official schemas through ../shared/schemas/validate.sh (xmllint). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from './build.js';

export const SCHEMAS = resolve(ROOT, '../shared/schemas');

export function validateManifest(standard: 'scorm12' | 'scorm2004' | 'cmi5' | 'tincan', xml: string): { ok: boolean; output: string } {
  if (!existsSync(join(SCHEMAS, 'validate.sh'))) throw new Error(`official schemas not found at ${SCHEMAS}: the project expects ../shared beside it`);
  const which = spawnSync('xmllint', ['--version']);
  if (which.error) throw new Error('xmllint is not installed: apt-get install -y libxml2-utils');
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  try {
    const file = join(dir, standard === 'tincan' ? 'tincan.xml' : standard === 'cmi5' ? 'cmi5.xml' : 'imsmanifest.xml');
    writeFileSync(file, xml);
    const run = spawnSync('bash', [join(SCHEMAS, 'validate.sh'), standard, file], { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
