// A fresh in-memory IndexedDB for the renderer's Dexie tests.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
// The desk's words, loaded once like main.tsx does.
import '../../src-renderer/src/i18n';

// Vitest globals are off, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());
