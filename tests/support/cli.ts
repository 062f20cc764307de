/** The CLI's `run` in this process, its output captured: `stdout`, `stderr`, and both in the order written (`output`). */
import { run } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  output: string;
}

export async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const both: string[] = [];
  const code = await run(argv, {
    stdout: (t) => (out.push(t), both.push(t)),
    stderr: (t) => (err.push(t), both.push(t)),
    cwd,
    color: false,
  });
  return { code, stdout: out.join(''), stderr: err.join(''), output: both.join('') };
}
