import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      // The Electron shell against a stand-in electron module (its own config: the alias is for it alone).
      'test/shell/vitest.config.ts',
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/shared/**/*.test.ts', 'test/providers/**/*.test.ts', 'test/updates/**/*.test.ts'],
        },
      },
      {
        // The Wellhub relay (relay/), on embedded PGlite and on a throw-away Postgres cluster.
        test: {
          name: 'relay',
          environment: 'node',
          include: ['relay/test/**/*.test.ts'],
          globalSetup: ['relay/test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The real core and the real renderer data layer in one process (Dexie on fake-indexeddb).
        test: {
          name: 'integration',
          environment: 'jsdom',
          include: ['test/integration/**/*.test.ts'],
          setupFiles: ['test/integration/setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
        },
      },
    ],
  },
});
