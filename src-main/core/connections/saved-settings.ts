import { z } from 'zod';
import { ConnectionSettings } from '../../../src-shared/connections';
import { deskMessage, type DeskMessage } from '../../../src-shared/desk-messages';

/** connections.json as stored: each entry is checked by itself, so one bad entry never costs the others. */
export const SavedConnectionsFile = z.object({ connections: z.array(z.unknown()) });

export type SavedEntry =
  | { settings: ConnectionSettings; problem?: undefined }
  /** Settings a newer, stricter check refuses (an http:// address elsewhere than this PC…): kept without the bad fields. */
  | { settings: ConnectionSettings; problem: DeskMessage }
  /** Not even an id, system and name: left in the file as it is, for a person to look at. */
  | { unreadable: unknown };

const identity = ConnectionSettings.pick({ id: true, provider: true, label: true });
const optionalFields = ['baseUrl', 'tenant', 'scopeId', 'timeZone'] as const;

/**
 * Reads one stored connection. Settings saved by an older release may break a
 * rule added since; the connection then stays listed, without the fields that
 * break it and with words saying which, instead of vanishing or stopping the desk.
 */
export function readSavedEntry(raw: unknown): SavedEntry {
  const parsed = ConnectionSettings.safeParse(raw);
  if (parsed.success) return { settings: parsed.data };
  const base = identity.safeParse(raw);
  if (!base.success) return { unreadable: raw };
  const record = raw as Record<string, unknown>;
  const settings: ConnectionSettings = { ...base.data };
  for (const field of optionalFields) {
    const one = ConnectionSettings.shape[field].safeParse(record[field]);
    if (one.success && one.data !== undefined) settings[field] = one.data;
  }
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'settings'}: ${issue.message}`);
  return {
    settings,
    problem: deskMessage('connection_settings_invalid', { detail: problems.join('; ').slice(0, 2000) }),
  };
}
