import { createContext, useContext, useLayoutEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { holdForScan } from '../scanning/scan-input';
import { useDeskStore } from '../store';
import { isDialogOpen } from '../ui/modal-dialog';
import { deskCommands, type DeskCommandTargets } from './desk-commands';
import { keyPlaceOf } from './key-place';
import { ShortcutHelp } from './shortcut-help';

type Registered = Omit<DeskCommandTargets, 'showHelp'>;

/** What the mounted screens offer the keyboard right now. */
class TargetRegistry {
  private readonly handlers = new Map<keyof Registered, unknown>();

  register<K extends keyof Registered>(name: K, handler: NonNullable<Registered[K]>): () => void {
    this.handlers.set(name, handler);
    return () => {
      if (this.handlers.get(name) === handler) this.handlers.delete(name);
    };
  }

  targets(showHelp: () => void): DeskCommandTargets {
    return { ...(Object.fromEntries(this.handlers) as Registered), showHelp };
  }
}

const RegistryContext = createContext<TargetRegistry | null>(null);

/**
 * The desk's one keyboard handler. It listens in the capture phase, so a
 * shortcut is taken before the scanner's focus grab could send the key to the
 * check-in input; a key no command takes goes on untouched.
 */
export function DeskShortcuts({ children }: { children: ReactNode }) {
  const [registry] = useState(() => new TargetRegistry());
  const { helpOpen, showHelp } = useDeskStore(useShallow((state) => ({ helpOpen: state.helpOpen, showHelp: state.showHelp })));

  // Layout effects: the keyboard works from the frame a screen first paints, not a task later.
  useLayoutEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.isComposing || isDialogOpen()) return;
      const place = keyPlaceOf(event);
      const targets = registry.targets(() => showHelp(true));
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
  }, [registry, showHelp]);

  return (
    <RegistryContext.Provider value={registry}>
      {children}
      {helpOpen && <ShortcutHelp onClose={() => showHelp(false)} />}
    </RegistryContext.Provider>
  );
}

/** Offers `handler` to the keyboard while the calling screen is mounted (nothing outside <DeskShortcuts>). */
export function useShortcutTarget<K extends keyof Registered>(name: K, handler: NonNullable<Registered[K]>): void {
  const registry = useContext(RegistryContext);
  useLayoutEffect(() => registry?.register(name, handler), [registry, name, handler]);
}
