import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { en } from '../i18n/en';
import { ModalDialog } from '../ui/modal-dialog';
import { deskCommands, type CommandGroup, type KeyCap } from './desk-commands';
import './shortcuts.css';

const groups: readonly CommandGroup[] = ['roster', 'desk', 'classes'];

const isNamed = (cap: KeyCap): cap is keyof typeof en.shortcuts.keys => Object.hasOwn(en.shortcuts.keys, cap);

function Key({ cap }: { cap: KeyCap }) {
  const { t } = useTranslation();
  return <kbd>{isNamed(cap) ? t(`shortcuts.keys.${cap}`) : cap}</kbd>;
}

/** Every shortcut, printed from the same table the keyboard handler runs. */
export function ShortcutHelp({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  return (
    <ModalDialog title={t('shortcuts.heading')} testId="shortcut-help" onClose={onClose} className="shortcut-help">
      {/* Focus starts at the top, so the help opens at its beginning, not scrolled down to its Close button. */}
      <p className="hint" tabIndex={-1} data-autofocus data-testid="shortcut-help-start">
        {t('shortcuts.intro')}
      </p>
      {groups.map((group) => (
        <table key={group} className="shortcut-table">
          <caption>{t(`shortcuts.group.${group}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.keysColumn')}</th>
              <th scope="col">{t('shortcuts.actionColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {deskCommands
              .filter((command) => command.group === group)
              .map((command) => (
                <tr key={command.name} data-testid="shortcut" data-command={command.name}>
                  <td className="shortcut-keys">
                    {command.keys.map((chord, index) => (
                      <Fragment key={chord.join('+')}>
                        {index > 0 && <span className="shortcut-or"> {t('shortcuts.or')} </span>}
                        {chord.map((cap, at) => (
                          <Fragment key={cap}>
                            {at > 0 && '+'}
                            <Key cap={cap} />
                          </Fragment>
                        ))}
                      </Fragment>
                    ))}
                  </td>
                  <td>{t(`shortcuts.commands.${command.name}`)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ))}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={onClose}>
          {t('shortcuts.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
