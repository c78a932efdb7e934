import { join } from 'node:path';

/**
 * The machine-wide folder IT provisions for every desk on the PC: `config.json` (defaults IT chose)
 * and `policy.json` (values nobody at the desk may change). Outside the user's own folders on purpose,
 * so a receptionist's account cannot edit it.
 */
export function machineConfigDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  // One override for every platform: browser mode, tests, and IT trying a file out before rolling it out.
  const override = env['CLASSDESK_CONFIG_DIR'];
  if (override) return override;
  if (platform === 'win32') return join(env['ProgramData'] || 'C:\\ProgramData', 'Classdesk');
  if (platform === 'darwin') return '/Library/Application Support/Classdesk';
  return '/etc/classdesk';
}

export const provisioningFileName = 'config.json';
export const policyFileName = 'policy.json';
/** The desk's own choices, beside its store in the data directory. */
export const deskSettingsFileName = 'settings.json';
