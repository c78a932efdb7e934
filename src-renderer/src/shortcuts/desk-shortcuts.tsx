import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { holdForScan } from '../scanning/scan-input';
import { useDeskStore } from '../store';
import { isDialogOpen } from '../ui/modal-dialog';
import { deskCommands, type DeskCommandTargets } from './desk-commands';
import { keyPlaceOf } from './key-place';
import { CommandPalette } from './command-palette';
import { deskPaletteItems } from './desk-palette-items';
import type { PaletteItem } from './palette-items';
import { ShortcutHelp } from './shortcut-help';

type Registered = Omit<DeskCommandTargets, 'showHelp' | 'showPalette'>;

/** What the mounted screens offer the keyboard right now. */
class TargetRegistry {
  private readonly handlers = new Map<keyof Registered, unknown>();

  register<K extends keyof Registered>(name: K, handler: NonNullable<Registered[K]>): () => void {
    this.handlers.set(name, handler);
    return () => {
      if (this.handlers.get(name) === handler) this.handlers.delete(name);
    };
  }

  targets(showHelp: () => void, showPalette: () => void): DeskCommandTargets {
    return { ...(Object.fromEntries(this.handlers) as Registered), showHelp, showPalette };
  }
}

const RegistryContext = createContext<TargetRegistry | null>(null);

/**
 * The desk's one keyboard handler. It listens in the capture phase, so a
 * shortcut is taken before the scanner's focus grab could send the key to the
 * check-in input; a key no command takes goes on untouched.
 */
export function DeskShortcuts({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [registry] = useState(() => new TargetRegistry());
  const { helpOpen, showHelp } = useDeskStore(useShallow((state) => ({ helpOpen: state.helpOpen, showHelp: state.showHelp })));
  // The palette's items are gathered when it opens: what fits at that moment, from the screens on show.
  const [palette, setPalette] = useState<readonly PaletteItem[] | null>(null);
  // An item chosen in the palette runs once the palette has closed and given focus back, so a dialog it opens starts from the desk.
  const chosen = useRef<PaletteItem | null>(null);

  // Layout effects: the keyboard works from the frame a screen first paints, not a task later.
  useLayoutEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing || isDialogOpen()) return;
      const place = keyPlaceOf(event);
      const targets = registry.targets(
        () => showHelp(true),
        () => setPalette(deskPaletteItems(t, registry.targets(() => showHelp(true), () => undefined))),
      );
      for (const command of deskCommands) {
        // A lone key outside a field first waits to see whether a scanner's burst follows (scanning/).
        if (command.test(event, place.field) && (holdForScan(event, () => command.perform(targets, place)) || command.perform(targets, place))) {
          event.preventDefault();
          return;
        }
      }
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [registry, showHelp, t]);

  useEffect(() => {
    if (palette !== null || !chosen.current) return;
    const item = chosen.current;
    chosen.current = null;
    item.run();
  }, [palette]);

  return (
    <RegistryContext.Provider value={registry}>
      {children}
      {helpOpen && <ShortcutHelp onClose={() => showHelp(false)} />}
      {palette && (
        <CommandPalette
          items={palette}
          onClose={() => setPalette(null)}
          onRun={(item) => {
            chosen.current = item;
            setPalette(null);
          }}
        />
      )}
    </RegistryContext.Provider>
  );
}

/** Offers `handler` to the keyboard while the calling screen is mounted (nothing outside <DeskShortcuts>). */
export function useShortcutTarget<K extends keyof Registered>(name: K, handler: NonNullable<Registered[K]>): void {
  const registry = useContext(RegistryContext);
  useLayoutEffect(() => registry?.register(name, handler), [registry, name, handler]);
}
