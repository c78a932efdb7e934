import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * The Electron shell, tested without Electron: `electron` resolves to a stand-in
 * that records what the shell asks of it. The alias lives in this project only,
 * so no other test can mistake the fake for the real module.
 */
export default defineProject({
  resolve: {
    alias: [{ find: /^electron$/, replacement: fileURLToPath(new URL('./fake-electron.ts', import.meta.url)) }],
  },
  test: {
    name: 'shell',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    environment: 'node',
    include: ['test/shell/**/*.test.ts'],
  },
});
