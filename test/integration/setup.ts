// The renderer's Dexie cache runs on an in-memory IndexedDB here.
import 'fake-indexeddb/auto';
