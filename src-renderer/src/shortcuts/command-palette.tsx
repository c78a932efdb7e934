import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../ui/modal-dialog';
import { matchingItems, type PaletteItem } from './palette-items';
import './shortcuts.css';

interface Props {
  /** What fits right now, gathered when the palette opened. */
  items: readonly PaletteItem[];
  onRun(item: PaletteItem): void;
  onClose(): void;
}

/**
 * Ctrl+K: every action that can work right now, found by typing a few letters
 * of it or of a member's name, run with Enter. Nothing is listed that the desk
 * knows would fail (the registry decides), so the list is also an answer to
 * "what can I do here?".
 */
export function CommandPalette({ items, onRun, onClose }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const hintId = useId();
  const shown = useMemo(() => matchingItems(items, query), [items, query]);
  const current = shown[Math.min(active, shown.length - 1)];
  const optionId = (index: number) => `${listId}-${index}`;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.max(0, Math.min(shown.length - 1, Math.min(index, shown.length - 1) + step)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current) onRun(current);
    }
  }

  return (
    <ModalDialog title={t('palette.heading')} testId="command-palette" onClose={onClose} className="command-palette" describedBy={hintId}>
      <p id={hintId} className="hint">
        {t('palette.hint')}
      </p>
      <input
        type="text"
        role="combobox"
        aria-label={t('palette.search')}
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={current ? optionId(shown.indexOf(current)) : undefined}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        data-testid="palette-search"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={t('palette.heading')} className="palette-list">
        {shown.map((item, index) => (
          <li
            key={item.id}
            id={optionId(index)}
            role="option"
            aria-selected={item === current}
            data-testid="palette-item"
            data-item={item.id}
            className={item === current ? 'is-active' : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onRun(item)}
          >
            <span>{item.label}</span>
            {item.key && <kbd aria-hidden="true">{item.key}</kbd>}
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p className="empty">{t(items.length === 0 ? 'palette.nothing' : 'palette.nothingFits')}</p>}
    </ModalDialog>
  );
}
