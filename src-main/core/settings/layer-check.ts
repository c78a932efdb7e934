import type { z } from 'zod';
import { DeskSettings, settingNames, type SettingName, type SettingsLayer, type SettingsProblem } from '../../../src-shared/settings';

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
    return { layer: {}, problems: [{ file, message: 'The file must hold one JSON object, e.g. { "sounds": false }.' }] };
  }
  const layer: Record<string, unknown> = {};
  const problems: SettingsProblem[] = [];
  for (const [field, raw] of Object.entries(json)) {
    if (!isSettingName(field)) {
      problems.push({ file, field, message: `"${field}" is not a Classdesk setting; it is ignored.` });
      continue;
    }
    if (field === 'closePinSha256' && kind !== 'policy') {
      problems.push({ file, field, message: 'The close PIN may only be set in policy.json; it is ignored here.' });
      continue;
    }
    const parsed = DeskSettings.shape[field].safeParse(raw);
    if (parsed.success) layer[field] = parsed.data;
    else problems.push({ file, field, message: `${describeIssues(parsed.error)}; the setting is ignored.` });
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
export function jsonProblem(error: unknown, text: string): string {
  if (text.trim() === '') return 'The file is empty.';
  const reason = error instanceof SyntaxError ? error.message.replace(/, "[\s\S]*$/, '') : 'unreadable';
  return `The file is not valid JSON (${reason}); none of its settings apply.`;
}
