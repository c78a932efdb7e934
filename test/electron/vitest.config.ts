import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `npm run test:electron`: the built app in Electron's real binary, driven by
 * Playwright. Only for machines that have the binary (and Xvfb or a display);
 * not part of `npm test` or .ci/run, where Electron cannot be downloaded.
 */
export default defineConfig({
  test: {
    name: 'electron',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    environment: 'node',
    include: ['test/electron/**/*.electron.test.ts'],
    globalSetup: ['test/electron/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
