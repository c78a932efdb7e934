import electronUpdater from 'electron-updater';
import type { DeskUpdater } from './desk-updates';

/**
 * electron-updater's autoUpdater, the one for this platform (NSIS, dmg/zip, AppImage). Kept in a
 * module of its own so the shell loads it only when updates are on: creating it reads the packaged
 * app's resources. The default import is CommonJS's module object; Node's ESM loader cannot see
 * `autoUpdater` as a named export (it is a getter).
 */
export function loadAutoUpdater(): DeskUpdater {
  // Typed as DeskUpdater here, so the compiler checks the real updater has everything the desk uses.
  const updater: DeskUpdater = electronUpdater.autoUpdater;
  return updater;
}
