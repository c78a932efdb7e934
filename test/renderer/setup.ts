// A fresh in-memory IndexedDB for the renderer's Dexie tests.
import 'fake-indexeddb/auto';
