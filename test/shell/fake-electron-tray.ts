import { Emitter, record } from './fake-events';

/** The fake electron's Menu, Tray and nativeImage (re-exported by fake-electron.ts): what front-desk mode uses. */

/** A built menu: its template as given, so tests can find items and click them. */
export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  click?: () => void;
}
export class Menu {
  constructor(readonly items: FakeMenuItem[]) {}
  /** What Menu.setApplicationMenu was last given: undefined until the shell sets one (Electron's default then). */
  static application: Menu | null | undefined = undefined;
  static buildFromTemplate(template: FakeMenuItem[]): Menu {
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    record('Menu.setApplicationMenu', menu === null ? null : menu.items.map((item) => item.role ?? item.label ?? item.type));
    Menu.application = menu;
  }
  item(label: string): FakeMenuItem {
    const found = this.items.find((candidate) => candidate.label === label);
    if (!found) throw new Error(`no menu item ${label}`);
    return found;
  }
}

export class Tray extends Emitter {
  static readonly created: Tray[] = [];
  tooltip = '';
  contextMenu: Menu | null = null;
  destroyed = false;
  constructor(readonly image: unknown) {
    super();
    Tray.created.push(this);
    record('new Tray');
  }
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setContextMenu(menu: Menu | null): void {
    this.contextMenu = menu;
  }
  destroy(): void {
    record('tray.destroy');
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export const nativeImage = {
  createFromDataURL(dataUrl: string): { dataUrl: string } {
    if (!dataUrl.startsWith('data:image/png;base64,')) throw new Error('not a PNG data URL');
    return { dataUrl };
  },
};
