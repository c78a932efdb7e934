/**
 * The contract's command names as a plain list, without zod, so the sandboxed
 * preload can expose one named function per command and stay tiny.
 * `contract.ts` fails to type-check if this list and the schemas drift apart.
 */
export const commandNames = [
  'hello',
  'getSnapshot',
  'getChanges',
  'getSnapshotRest',
  'syncNow',
  'checkInByBarcode',
  'checkIn',
  'undoCheckIn',
  'cancelBooking',
  'bookMember',
  'validateBooking',
  'promoteFromWaitlist',
  'confirmBookingRequest',
  'rejectBookingRequest',
  'markNoShow',
  'validateVisit',
  'searchMembers',
  'setDeskLocation',
  'listCapabilities',
  'listConnections',
  'saveConnection',
  'removeConnection',
  'testConnection',
  'listWellhubClasses',
  'saveWellhubClassLinks',
  'getDiagnostics',
  'getSettings',
  'saveSettings',
  'wipeLocalData',
  'writeOutageKit',
] as const;
export type CommandName = (typeof commandNames)[number];

/** Electron IPC channels; the prefix says the direction (renderer asks, main pushes). */
export const commandChannel = (name: CommandName): string => `renderer:${name}`;
export const eventChannel = 'main:event';
