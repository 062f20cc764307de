import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The browser suite (npm run test:e2e) and the LRS suite (npm run test:lrs) have their own configs.
    exclude: ['tests/e2e/**', 'tests/lrs/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30000,
    pool: 'forks',
  },
});
