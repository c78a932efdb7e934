import {
  DeskSettings,
  type DeskLanguage,
  type EffectiveSettings,
  type OpeningHours,
  type SettingsLayer,
  type UpdateChannel,
} from '../../../../src-shared/settings';
import { isEqual } from './same-value';

/** What the form holds while someone edits: numbers as typed, so a half-typed "1" is not refused at once. */
export interface SettingsDraft {
  language: DeskLanguage;
  /** '' while no location is chosen. */
  deskLocationId: string;
  syncDaysBack: string;
  syncDaysAhead: string;
  dataRetentionDays: string;
  actionRetentionDays: string;
  sounds: boolean;
  scannerKeyGapMs: string;
  outageKitMinutesBefore: string;
  openingHours: OpeningHours;
  frontDeskMode: boolean;
  updates: boolean;
  updateChannel: UpdateChannel;
}

export type DraftName = keyof SettingsDraft;
export const draftNames: readonly DraftName[] = [
  'language',
  'deskLocationId',
  'syncDaysBack',
  'syncDaysAhead',
  'dataRetentionDays',
  'actionRetentionDays',
  'sounds',
  'scannerKeyGapMs',
  'outageKitMinutesBefore',
  'openingHours',
  'frontDeskMode',
  'updates',
  'updateChannel',
];

export function draftOf(values: DeskSettings): SettingsDraft {
  return {
    language: values.language,
    deskLocationId: values.deskLocationId ?? '',
    syncDaysBack: String(values.syncDaysBack),
    syncDaysAhead: String(values.syncDaysAhead),
    dataRetentionDays: String(values.dataRetentionDays),
    actionRetentionDays: String(values.actionRetentionDays),
    sounds: values.sounds,
    scannerKeyGapMs: String(values.scannerKeyGapMs),
    outageKitMinutesBefore: String(values.outageKitMinutesBefore),
    openingHours: structuredClone(values.openingHours),
    frontDeskMode: values.frontDeskMode,
    updates: values.updates,
    updateChannel: values.updateChannel,
  };
}

const numberNames: ReadonlySet<DraftName> = new Set(['syncDaysBack', 'syncDaysAhead', 'dataRetentionDays', 'actionRetentionDays', 'scannerKeyGapMs', 'outageKitMinutesBefore']);

/** The value the core takes for one field of the form; a number field left empty is no number. */
function valueOf(draft: SettingsDraft, name: DraftName): unknown {
  const raw = draft[name];
  if (name === 'deskLocationId') return raw === '' ? null : raw;
  if (numberNames.has(name) && typeof raw === 'string') return raw.trim() === '' ? Number.NaN : Number(raw);
  return raw;
}

export interface DraftChanges {
  /** Only the fields that differ from the settings in force, and none IT locked. */
  changes: SettingsLayer;
  /** Fields whose value the core would refuse (out of range, a stretch closing before it opens). */
  invalid: DraftName[];
}

export function changesOf(draft: SettingsDraft, settings: EffectiveSettings): DraftChanges {
  const changes: Record<string, unknown> = {};
  const invalid: DraftName[] = [];
  for (const name of draftNames) {
    if (settings.sources[name] === 'policy') continue;
    const value = valueOf(draft, name);
    if (isEqual(value, settings.values[name])) continue;
    const parsed = DeskSettings.shape[name].safeParse(value);
    if (parsed.success) changes[name] = parsed.data;
    else invalid.push(name);
  }
  // Each value went through its own field's schema just above.
  return { changes: changes as SettingsLayer, invalid };
}

/**
 * New settings arrived (saved here, at another page, or the desk was wiped): fields nobody has
 * touched since the last ones take the new values; what someone is typing stays.
 */
export function rebase(draft: SettingsDraft, before: DeskSettings, after: DeskSettings): SettingsDraft {
  const old = draftOf(before);
  const next = draftOf(after);
  const merged: Record<string, unknown> = { ...draft };
  for (const name of draftNames) if (isEqual(draft[name], old[name])) merged[name] = next[name];
  return merged as unknown as SettingsDraft;
}
