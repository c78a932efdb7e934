import type { TFunction } from 'i18next';
import type { DeskCommandTargets } from './desk-commands';
import type { PaletteItem } from './palette-items';

/**
 * Everything the palette lists right now: what the screen on show offers
 * (the roster's actions that fit, person by person), then the desk's own
 * commands that have somewhere to go.
 */
export function deskPaletteItems(t: TFunction, targets: DeskCommandTargets): PaletteItem[] {
  const items = targets.paletteItems?.() ?? [];
  const { wellhubVisit, wellhubVisitOffered, showRequests, waitingRequests, showHelp } = targets;
  if (showRequests) items.push({ id: 'wellhubRequests', label: t('requests.paletteItem', { count: waitingRequests?.() ?? 0 }), run: showRequests });
  if (wellhubVisit && wellhubVisitOffered?.() === true) items.push({ id: 'wellhubVisit', label: t('shortcuts.commands.wellhubVisit'), key: 'Alt+W', run: wellhubVisit });
  items.push({ id: 'help', label: t('shortcuts.commands.help'), key: '?', run: showHelp });
  return items;
}
