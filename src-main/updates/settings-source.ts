import { defaultSettings, settingNames, type EffectiveSettings } from '../../src-shared/settings';

/**
 * Where the updates read the desk's settings: the core's `settings()` and `onSettings()` once the
 * settings layers are in (it is built in parallel). Until then, the built-in defaults below.
 */
export interface UpdateSettingsSource {
  settings(): EffectiveSettings;
  onSettings(listener: (settings: EffectiveSettings) => void): () => void;
}

/** Defaults only, never changing: updates on, stable channel, built-in address, 06:00–23:00 daily. */
export const builtInSettings: UpdateSettingsSource = {
  settings: () => ({
    values: defaultSettings,
    sources: Object.fromEntries(settingNames.map((name) => [name, 'default'])) as EffectiveSettings['sources'],
    problems: [],
  }),
  onSettings: () => () => undefined,
};
