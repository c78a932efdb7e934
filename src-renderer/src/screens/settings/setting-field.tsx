import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingName, SettingSource } from '../../../../src-shared/settings';

/** What a setting's control needs to be labelled, explained and locked. */
export interface ControlProps {
  id: string;
  disabled: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface Props {
  name: SettingName;
  source: SettingSource;
  label: string;
  hint?: string;
  invalid?: boolean;
  /** A checkbox sits before its label; every other control after it. */
  checkbox?: boolean;
  children(control: ControlProps): ReactNode;
}

/**
 * One setting: its label, its control, and where the value comes from when that is not this desk.
 * A setting IT locked in policy.json is disabled and says so in words, not only by being grey,
 * and the words are the control's description, so a screen reader tells them too.
 */
export function SettingField({ name, source, label, hint, invalid, checkbox, children }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const markerId = useId();
  const hintId = useId();
  let marker: string | undefined;
  if (source === 'policy') marker = t('settings.lockedByPolicy');
  else if (source === 'provisioning') marker = t('settings.fromProvisioning');
  const describedBy = [marker ? markerId : undefined, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;
  const control = children({
    id,
    disabled: source === 'policy',
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(invalid ? { 'aria-invalid': true as const } : {}),
  });
  const labelElement = <label htmlFor={id}>{label}</label>;
  return (
    <div className={`setting${checkbox ? ' setting-checkbox' : ''}`} data-testid={`setting-${name}`} data-source={source}>
      {checkbox ? (
        <>
          {control}
          {labelElement}
        </>
      ) : (
        <>
          {labelElement}
          {control}
        </>
      )}
      {marker && (
        <span id={markerId} className={`setting-marker source-${source}`} data-testid={`setting-${name}-marker`}>
          {marker}
        </span>
      )}
      {hint && (
        <span id={hintId} className="setting-hint">
          {hint}
        </span>
      )}
    </div>
  );
}
