import type { z } from 'zod';
import { DeskSettings, settingNames, type SettingName, type SettingsLayer, type SettingsProblem } from '../../../src-shared/settings';
import { deskMessage, type DeskMessage } from '../../../src-shared/desk-messages';

export type LayerKind = 'provisioning' | 'desk' | 'policy';

export interface CheckedLayer {
  layer: SettingsLayer;
  problems: SettingsProblem[];
}

const isSettingName = (name: string): name is SettingName => (settingNames as string[]).includes(name);

/**
 * Checks one layer field by field: a field that is wrong is named and dropped, and every other
 * field of the same file still applies, so one typo by IT never throws away the rest of its file.
 * The front-desk PIN's hash is taken only from the policy file: a file the desk's user may write
 * (or IT's defaults, which the desk may override) must not decide how the desk is closed.
 */
export function checkLayer(json: unknown, file: string, kind: LayerKind): CheckedLayer {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { layer: {}, problems: [{ file, message: { code: 'settings_file_not_object' } }] };
  }
  const layer: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const [field, raw] of Object.entries(json)) {
    if (!isSettingName(field)) {
      problems.push({ file, field, message: deskMessage('settings_unknown_field', { field: field.slice(0, 200) }) });
      continue;
    }
    if (field === 'closePinSha256' && kind !== 'policy') {
      problems.push({ file, field, message: { code: 'settings_pin_policy_only' } });
      continue;
    }
    const parsed = DeskSettings.shape[field].safeParse(raw);
    if (parsed.success) layer[field] = parsed.data;
    else problems.push({ file, field, message: deskMessage('settings_value_invalid', { field, detail: describeIssues(parsed.error).slice(0, 1000) }) });
  }
  // Each field was parsed by its own schema just above, so the object is a valid layer.
  return { layer: layer as SettingsLayer, problems };
}

/** zod's words for the first issues, with the path inside the field (e.g. "monday.0.closes"). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** The parser's own words only, never the file's content: a file in the wrong place may hold secrets. */
export function jsonProblem(error: unknown, text: string, aside?: string): DeskMessage {
  if (text.trim() === '') return deskMessage('settings_file_empty', { aside });
  const reason = error instanceof SyntaxError ? error.message.replace(/, "[\s\S]*$/, '') : 'unreadable';
  return deskMessage('settings_file_not_json', { aside, detail: reason.slice(0, 500) });
}
