import { defineConfig } from 'vitest/config';

/**
 * The real-LRS suite (tests/lrs): the xAPI and cmi5 packages played against Learning Locker's
 * statement service, which each file starts and stops by PID. Needs `npm ci --prefix tests/lrs`;
 * without it the run fails and says so (tests/lrs/support/global-setup.ts).
 */
export default defineConfig({
  test: {
    include: ['tests/lrs/**/*.test.ts'],
    exclude: ['tests/lrs/node_modules/**'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['tests/lrs/support/global-setup.ts'],
    env: { COURSEPACK_LRS_SUITE: '1' },
  },
});
