import { defaultSettings, settingNames, type EffectiveSettings, type SettingSource } from '../../src-shared/settings';

/**
 * Where the shell reads the desk's settings from. The core's settings layers (defaults <
 * provisioning < desk < policy) provide exactly this: `settings()` and `onSettings()` on the
 * object openDeskCore returns. The shell depends on this much and no more.
 */
export interface DeskSettingsSource {
  settings(): EffectiveSettings;
  /** Called with the settings in force after every change; returns the way to stop listening. */
  onSettings(listener: (settings: EffectiveSettings) => void): () => void;
}

/** The built-in defaults, never changing: what the shell runs on until the core's layers are connected. */
export function fixedDeskSettings(values = defaultSettings): DeskSettingsSource {
  const sources = Object.fromEntries(settingNames.map((name) => [name, 'default' satisfies SettingSource])) as EffectiveSettings['sources'];
  const settings: EffectiveSettings = { values, sources, problems: [] };
  return { settings: () => settings, onSettings: () => () => undefined };
}
