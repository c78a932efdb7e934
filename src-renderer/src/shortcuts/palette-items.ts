/** One line of the command palette: an action that fits right now, in words, and how to run it. */
export interface PaletteItem {
  id: string;
  label: string;
  /** The shortcut that does the same, as printed on the key ("C"), where there is one. */
  key?: string;
  run(): void;
}

/** Case and accents do not matter when looking for an action: "muller" finds "Müller". */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The items whose words contain every word typed, in the order given. */
export function matchingItems(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const label = folded(item.label);
    return words.every((word) => label.includes(word));
  });
}
