import type { EffectiveSettings } from '../../../src-shared/settings';
import type { RetentionPolicy } from '../store/retention';
import { defaultRhythm, type SyncRhythm } from './connection-sync';

/** The desk's settings as the sync and the store's retention read them. */
interface SettingValues {
  readonly values: EffectiveSettings['values'];
}

/**
 * The sync window and the retention are read at the moment of use, so a saved setting applies from the
 * next pass; fixed values (tests, the bench) win over the settings.
 */
export function rhythmFromSettings(settings: SettingValues, fixed: { rhythm?: Partial<SyncRhythm>; todayEveryMs?: number }): SyncRhythm {
  const days = fixed.rhythm;
  return {
    ...defaultRhythm,
    ...(fixed.todayEveryMs ? { todayEveryMs: fixed.todayEveryMs } : {}),
    ...fixed.rhythm,
    get daysBack() {
      return days?.daysBack ?? settings.values.syncDaysBack;
    },
    get daysAhead() {
      return days?.daysAhead ?? settings.values.syncDaysAhead;
    },
  };
}

export function retentionFromSettings(settings: SettingValues, fixed: Partial<RetentionPolicy> | undefined): RetentionPolicy {
  return {
    get dataDays() {
      return fixed?.dataDays ?? settings.values.dataRetentionDays;
    },
    get actionDays() {
      return fixed?.actionDays ?? settings.values.actionRetentionDays;
    },
  };
}
