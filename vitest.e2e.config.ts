import { defineConfig } from 'vitest/config';

// End to end: the built app (`npm run build`) in Debian's Chromium through browser mode,
// and the durability tests: the built core killed and restarted, providers failing under it.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts', 'test/durability/**/*.durability.test.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
